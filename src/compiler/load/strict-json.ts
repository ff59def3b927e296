// A strict JSON parser for load lines: rejects duplicate members, keeps number text exact, bounds nesting depth.

/** Parsed JSON. Numbers keep their source text so 64-bit integers stay exact. */
export type JsonValue =
  | { readonly kind: 'null' }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'number'; readonly text: string }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'array'; readonly items: readonly JsonValue[] }
  | { readonly kind: 'object'; readonly members: ReadonlyMap<string, JsonValue> };

/** Why a text is not acceptable JSON; `offset` is 0-based in the text. */
export interface JsonProblem {
  readonly duplicate: boolean;
  readonly message: string;
  readonly offset: number;
}

/** Deepest nesting a load line may use (an envelope, `data`, a list value: depth 3). */
export const MAX_JSON_DEPTH = 16;

class Fail extends Error {
  constructor(
    readonly problem: JsonProblem,
  ) {
    super(problem.message);
  }
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Parse one JSON text strictly (RFC 8259 grammar, no duplicate object members at any depth, depth ≤ 16).
 * @example
 * parseStrictJson('{"a":1,"a":2}'); // { ok: false, problem: { duplicate: true, … } }
 */
export function parseStrictJson(text: string): { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly problem: JsonProblem } {
  let i = 0;
  const fail = (message: string, at = i, duplicate = false): never => {
    throw new Fail({ duplicate, message, offset: at });
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    let out = '';
    let run = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(run, i);
        i++;
        return out;
      }
      if (c < 32) fail('control character in string');
      if (c === 92) {
        out += text.slice(run, i);
        const e = text[i + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && Object.hasOwn(simple, e)) {
          out += simple[e];
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('invalid escape in string');
        }
        run = i;
        continue;
      }
      i++;
    }
  };
  const value = (depth: number): JsonValue => {
    if (depth > MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH}`);
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const members = new Map<string, JsonValue>();
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', members };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected a member name');
        const at = i;
        const key = str();
        if (members.has(key)) fail(`duplicate member '${key}'`, at, true);
        ws();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        members.set(key, value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', members };
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonValue[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', items };
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return { kind: 'string', value: str() };
    if (text.startsWith('true', i)) {
      i += 4;
      return { kind: 'bool', value: true };
    }
    if (text.startsWith('false', i)) {
      i += 5;
      return { kind: 'bool', value: false };
    }
    if (text.startsWith('null', i)) {
      i += 4;
      return { kind: 'null' };
    }
    NUMBER_RE.lastIndex = i;
    const m = NUMBER_RE.exec(text);
    if (m !== null && m[0] !== '') {
      i += m[0].length;
      return { kind: 'number', text: m[0] };
    }
    return fail(i >= text.length ? 'unexpected end of input' : `unexpected character '${text[i]}'`);
  };
  try {
    const v = value(0);
    ws();
    if (i < text.length) fail('unexpected text after the JSON value');
    return { ok: true, value: v };
  } catch (err) {
    if (err instanceof Fail) return { ok: false, problem: err.problem };
    throw err;
  }
}

/** A short description of a JSON value's type for messages (`string`, `number`, `object`, …). */
export function jsonTypeName(v: JsonValue): string {
  return v.kind === 'bool' ? 'boolean' : v.kind;
}
