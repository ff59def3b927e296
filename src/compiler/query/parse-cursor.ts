// The parser's token cursor: PEG-style backtracking, farthest-failure error reporting, a step budget and a depth cap.
import type { Span } from '../../errors/index.js';
import type { Name } from './ast.js';
import { joinSpans, type Token, type TokenKind } from './token.js';

/** Work allowed per token before the parser gives up; the fuzz test asserts real parses stay far below it. */
export const STEPS_PER_TOKEN = 64;
/** Fixed work allowance on top of the per-token budget. */
export const STEPS_BASE = 256;
/** Deepest nesting of `not { }`, list literals and call arguments. */
export const MAX_NESTING = 32;

/** Thrown inside the parser to stop at once; the entry point turns it into a `Q000` diagnostic. */
export class ParseAbort extends Error {
  constructor(
    readonly reason: string,
    readonly span: Span,
  ) {
    super(reason);
  }
}

/**
 * A position in the token stream. Alternatives `mark()` before trying and `reset()` when they fail; every failed
 * expectation is recorded, and the one at the farthest token becomes the parse error (as PEG parsers report).
 */
export class ParseCursor {
  #pos = 0;
  #steps = 0;
  #depth = 0;
  #farPos = -1;
  #farExpected: string[] = [];
  readonly #budget: number;

  constructor(readonly tokens: readonly Token[]) {
    this.#budget = STEPS_BASE + STEPS_PER_TOKEN * tokens.length;
  }

  /** Work done so far (token inspections). */
  get steps(): number {
    return this.#steps;
  }

  /** The step budget of this input. */
  get budget(): number {
    return this.#budget;
  }

  /** Current token index (for `reset`). */
  mark(): number {
    return this.#pos;
  }

  /** Go back to a marked position after a failed alternative. */
  reset(mark: number): void {
    this.#pos = mark;
  }

  /** The token `k` ahead of the current one (clamped at `eof`); counts one step. */
  peek(k = 0): Token {
    this.#steps++;
    if (this.#steps > this.#budget) throw new ParseAbort('query text is too complex to parse', this.current().span);
    const i = Math.min(this.#pos + k, this.tokens.length - 1);
    return this.tokens[i] as Token;
  }

  /** The current token without counting a step. */
  current(): Token {
    return this.tokens[Math.min(this.#pos, this.tokens.length - 1)] as Token;
  }

  /** True when the current token is the word `word` (an identifier or type name with that text). */
  isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return (t.kind === 'ident' || t.kind === 'type') && t.text === word;
  }

  /** True when the current token is the punctuation `p`. */
  isPunct(p: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'punct' && t.text === p;
  }

  /** Consume the word `word` or record it as expected. */
  word(word: string): Token | null {
    if (this.isWord(word)) return this.advance();
    this.expected(`\`${word}\``);
    return null;
  }

  /** Consume the punctuation `p` or record it as expected. */
  punct(p: string): Token | null {
    if (this.isPunct(p)) return this.advance();
    this.expected(`\`${p}\``);
    return null;
  }

  /** Consume a token of `kind` or record `what` as expected. */
  kind(kind: TokenKind, what: string): Token | null {
    if (this.peek().kind === kind) return this.advance();
    this.expected(what);
    return null;
  }

  /** Consume the current token. */
  advance(): Token {
    const t = this.current();
    if (t.kind !== 'eof') this.#pos++;
    return t;
  }

  /** The span from `start` to the last consumed token. */
  spanFrom(start: Token): Span {
    const last = this.tokens[Math.max(0, this.#pos - 1)] as Token;
    return last.span.start < start.span.start ? start.span : joinSpans(start.span, last.span);
  }

  /** Record that `what` would have been accepted at the current token. */
  expected(what: string): void {
    if (this.#pos > this.#farPos) {
      this.#farPos = this.#pos;
      this.#farExpected = [what];
    } else if (this.#pos === this.#farPos && !this.#farExpected.includes(what)) {
      this.#farExpected.push(what);
    }
  }

  /** Run `body` one nesting level deeper; aborts past `MAX_NESTING`. */
  nested<T>(body: () => T): T {
    if (this.#depth >= MAX_NESTING) throw new ParseAbort(`nesting deeper than ${MAX_NESTING} levels`, this.current().span);
    this.#depth++;
    try {
      return body();
    } finally {
      this.#depth--;
    }
  }

  /** The parse error for the farthest failure: the lexer's message at an error token, else "expected …, found …". */
  failure(): { readonly message: string; readonly span: Span } {
    const at = this.tokens[Math.max(0, Math.min(this.#farPos, this.tokens.length - 1))] as Token;
    if (at.kind === 'error') return { message: at.text, span: at.span };
    const expected = this.#farExpected;
    const list = expected.length <= 1 ? (expected[0] ?? 'more input') : `${expected.slice(0, -1).join(', ')} or ${expected.at(-1) as string}`;
    return { message: `expected ${list}, found ${describe(at)}`, span: at.span };
  }
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'eof':
      return 'end of input';
    case 'string':
      return 'a string';
    case 'var':
      return `\`$${t.text}\``;
    default:
      return `\`${t.text}\``;
  }
}

/** A token as an AST name. */
export const tokenName = (t: Token): Name => ({ text: t.text, span: t.span });

/** Try one alternative; on failure (null) rewind the cursor. */
export function attempt<T>(c: ParseCursor, alt: () => T | null): T | null {
  const m = c.mark();
  const r = alt();
  if (r === null) c.reset(m);
  return r;
}

/** `{ item }` — zero or more; stops (rewinding) at the first item that does not parse. */
export function many<T>(c: ParseCursor, item: () => T | null): T[] {
  const out: T[] = [];
  for (;;) {
    const r = attempt(c, item);
    if (r === null) return out;
    out.push(r);
  }
}
