// Graph branch names: the spec's rules, and their reversible mapping to flat native branches of the manifest table.
import { OmniError } from '../errors/index.js';
import { MAIN_BRANCH } from './rows.js';

/** Prefix of every native manifest branch that carries a graph branch; other native branches are never listed. */
export const GRAPH_BRANCH_NATIVE_PREFIX = 'g.';

/** The graph-wide schema-apply mutex (spec: a system branch); refused by every public branch API. */
export const SCHEMA_APPLY_LOCK_BRANCH = '__schema_apply_lock__';

/** Longest native branch name the LanceDB layer accepts. */
const NATIVE_MAX = 128;
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/;

/**
 * Normalize and check a graph branch name (spec: branching-and-merge §1.1). Surrounding whitespace is trimmed, and the
 * trimmed spelling `main` means main. Otherwise a name is `/`-separated segments of letters, digits, `.`, `-`, `_`:
 * no empty segment (so no leading, trailing or doubled `/`), no segment starting with `.` or ending in `.` or
 * `.lock`, no `..`, not starting with `-`. Names starting with `__` are internal (`__schema_apply_lock__`) and
 * refused. Throws `bad_request`; returns the normalized name.
 * @example
 * parseBranchName(' review/2026-07 '); // 'review/2026-07'
 */
export function parseBranchName(raw: string): string {
  const name = raw.trim();
  if (name === '') throw badName(raw, 'branch name cannot be empty');
  if (name === MAIN_BRANCH) return name;
  if (name.replace(/^\/+/, '').startsWith('__')) throw badName(name, `names starting with '__' are internal (${SCHEMA_APPLY_LOCK_BRANCH}); choose another name`);
  if (/[^A-Za-z0-9_./-]/.test(name)) throw badName(name, "use letters, digits, '.', '-', '_' and '/' only (no whitespace or control characters)");
  if (name.startsWith('-')) throw badName(name, "a name may not start with '-'");
  if (name.includes('..')) throw badName(name, "'..' is not allowed");
  for (const segment of name.split('/')) {
    if (segment === '') throw badName(name, "empty segment: no leading, trailing or doubled '/'");
    if (!SEGMENT.test(segment) || segment.endsWith('.') || segment.endsWith('.lock')) {
      throw badName(name, `segment '${segment}' may not start with '.' or end in '.' or '.lock'`);
    }
  }
  if (nativeBranchOf(name)!.length > NATIVE_MAX) throw badName(name, 'the name is too long');
  return name;
}

/**
 * The native branch of the manifest table that holds graph branch `name` (`null` for main): `g.` then the name with
 * `.` written `.d` and `/` written `.s`. Deterministic and reversible ({@link graphBranchOfNative}); the result is
 * always a flat LanceDB branch name (a `.` is always followed by `d` or `s`, so never `..` nor a `.lock` ending).
 * @example
 * nativeBranchOf('review/v1.2'); // 'g.review.sv1.d2'
 */
export function nativeBranchOf(name: string): string | null {
  if (name === MAIN_BRANCH) return null;
  return GRAPH_BRANCH_NATIVE_PREFIX + name.replaceAll('.', '.d').replaceAll('/', '.s');
}

/**
 * The graph branch a native manifest branch holds, or `null` when the native name is not a graph branch's (another
 * prefix, a bad escape, or a decoded name the rules refuse).
 * @example
 * graphBranchOfNative('g.review.sv1.d2'); // 'review/v1.2'
 */
export function graphBranchOfNative(native: string | null): string | null {
  if (native === null) return MAIN_BRANCH;
  if (!native.startsWith(GRAPH_BRANCH_NATIVE_PREFIX)) return null;
  const body = native.slice(GRAPH_BRANCH_NATIVE_PREFIX.length);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch !== '.') {
      out += ch;
      continue;
    }
    const esc = body[++i];
    if (esc === 'd') out += '.';
    else if (esc === 's') out += '/';
    else return null;
  }
  try {
    return out !== MAIN_BRANCH && parseBranchName(out) === out && nativeBranchOf(out) === native ? out : null;
  } catch {
    return null;
  }
}

/** True when `a` and `b` are `/`-path ancestor and descendant (`review` and `review/x`), which may not coexist. */
export function pathPrefixRelated(a: string, b: string): boolean {
  return a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

function badName(name: string, why: string): OmniError {
  return new OmniError('bad_request', `invalid branch name '${name}': ${why}`, { details: { branch: name } });
}
