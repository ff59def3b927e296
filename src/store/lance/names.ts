// Name rules for LanceDB tables and native branches, checked before LanceDB sees a name.
import { RequestError } from '../../errors/index.js';

const TABLE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const BRANCH_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Table names LanceDB reserves at a connection root: its directory namespace keeps its catalog in a
 * `__manifest` dataset, so our graph manifest is physically `_graph_manifest` (design §3).
 */
export const RESERVED_TABLE_NAMES: ReadonlySet<string> = new Set(['__manifest']);

/**
 * Check a table name: flat (no `/`, which LanceDB refuses), 1–128 characters of letters, digits, `_`,
 * `.`, `-`, not starting with `.` or `-`, and not reserved. Tables are named by type identity, e.g.
 * `node_<S>_<I>`. Throws `bad_request`.
 * @example
 * assertTableName('node_7_1'); // ok
 */
export function assertTableName(name: string): void {
  if (!TABLE_NAME.test(name)) {
    throw new RequestError('bad_request', `invalid table name '${name}': use 1-128 letters, digits, '_', '.', '-' (no '/'), starting with a letter, digit or '_'`, {
      details: { table: name },
    });
  }
  if (RESERVED_TABLE_NAMES.has(name)) {
    throw new RequestError('bad_request', `table name '${name}' is reserved by LanceDB; choose another name`, { details: { table: name } });
  }
}

/**
 * Check a native branch name. LanceDB accepts `/`-separated segments, but a branch nested under
 * another shares its directory (`tree/a/b` inside `tree/a`), and deleting the outer one leaves its
 * files readable; so we allow flat names only: 1–128 letters, digits, `_`, `.`, `-`, not starting with
 * `.` or `-`, no `..`, not ending in `.lock`, and never `main` (the default branch, addressed as
 * `null`). Data forks are `f-<ULID>` (design §3). Throws `bad_request`.
 * @example
 * assertBranchName('f-01HZX3Q4R5S6T7V8W9XAYBZC0D'); // ok
 */
export function assertBranchName(name: string): void {
  const why = !BRANCH_NAME.test(name)
    ? "use 1-128 letters, digits, '_', '.', '-' (no '/'), starting with a letter, digit or '_'"
    : name.includes('..')
      ? "'..' is not allowed"
      : name.endsWith('.lock')
        ? "a name may not end in '.lock'"
        : name === 'main'
          ? "'main' is the default branch; address it as null"
          : null;
  if (why !== null) throw new RequestError('bad_request', `invalid branch name '${name}': ${why}`, { details: { branch: name } });
}
