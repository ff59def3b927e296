// `@check` patterns: Rust `regex` syntax mapped onto JavaScript RegExp (leading inline flags, `(?P<name>`).

/** A compiled pattern, or why it is rejected. */
export type CheckPatternResult = { readonly ok: true; readonly regex: RegExp } | { readonly ok: false; readonly reason: string };

const cache = new Map<string, CheckPatternResult>();
const CACHE_LIMIT = 1024;

/**
 * Compile a `@check` pattern. Accepts the common subset of Rust `regex` and JavaScript syntax; rejects
 * look-around and back-references (Rust has neither) and inline flag groups other than a leading `(?i)`, `(?m)`,
 * `(?s)` (or a combination such as `(?is)`). Matching is an unanchored search.
 * @example
 * const r = compileCheckPattern('(?i)^[a-z]{3}$');
 * r.ok && r.regex.test('ABC'); // true
 */
export function compileCheckPattern(pattern: string): CheckPatternResult {
  const hit = cache.get(pattern);
  if (hit !== undefined) return hit;
  const result = compile(pattern);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(pattern, result);
  return result;
}

function compile(pattern: string): CheckPatternResult {
  let body = pattern;
  let flags = '';
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(body);
  if (lead !== null) {
    for (const f of lead[1] ?? '') {
      if (f !== 'i' && f !== 'm' && f !== 's') return { ok: false, reason: `inline flag '${f}' is not supported (only i, m, s)` };
      if (!flags.includes(f)) flags += f;
    }
    body = body.slice(lead[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] as string;
    if (ch === '\\') {
      const next = body[i + 1] ?? '';
      if (/[1-9]/.test(next) || next === 'k') return { ok: false, reason: 'back-references are not supported' };
      out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      continue;
    }
    if (ch === '(' && body[i + 1] === '?') {
      const rest = body.slice(i + 2);
      if (rest.startsWith('P<')) {
        out += '(?<';
        i += 3;
        continue;
      }
      if (/^(=|!|<=|<!)/.test(rest)) return { ok: false, reason: 'look-around is not supported' };
      if (!rest.startsWith(':') && !rest.startsWith('<')) return { ok: false, reason: 'inline flag groups are only supported at the start of the pattern' };
    }
    out += ch;
  }
  try {
    return { ok: true, regex: new RegExp(out, `${flags}u`) };
  } catch {
    // Rust accepts escapes of any punctuation (`\-`), which Unicode-mode JavaScript rejects; retry leniently.
    try {
      return { ok: true, regex: new RegExp(out, flags) };
    } catch (err) {
      return { ok: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }
}
