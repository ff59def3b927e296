// Lance SQL fragments the layer builds: string literals, identifiers, and the poison-CAS update condition.
import { RequestError } from '../../errors/index.js';

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A Lance SQL string literal: single quotes, inner quotes doubled.
 * @example
 * sqlString("o'hara"); // "'o''hara'"
 */
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * A column name usable unquoted in Lance SQL (letters, digits, `_`; not starting with a digit).
 * Our columns are named by identity ids (`id`, `p17`, `head_cas`), so quoting is never needed;
 * anything else is refused with `bad_request` rather than guessed at.
 * @example
 * sqlColumn('head_cas'); // 'head_cas'
 */
export function sqlColumn(name: string): string {
  if (!PLAIN_IDENTIFIER.test(name)) {
    throw new RequestError('bad_request', `column name '${name}' cannot be used in Lance SQL unquoted; use letters, digits and '_'`, {
      details: { column: name },
    });
  }
  return name;
}

/**
 * The poison-CAS condition for `whenMatchedUpdateAll({where})` (design §3, research §5a): it divides
 * by zero unless `target.<column>` equals `expected`, so a stale publisher's whole `mergeInsert`
 * (inserts included) fails with `Divide by zero`, which `classifyLanceError` reports as
 * `row_level_cas_contention`. LanceDB's transparent retries re-evaluate it. The column must be NULL
 * on every other row the merge can match (`1 / NULL` is harmless); `CASE`, qualified columns inside
 * functions and `arrow_cast` are not accepted by Lance, hence this form.
 * @example
 * poisonCasCondition('head_cas', 'inc1:c7'); // "1 / CAST(target.head_cas = 'inc1:c7' AS INT) = 1"
 */
export function poisonCasCondition(column: string, expected: string): string {
  return `1 / CAST(target.${sqlColumn(column)} = ${sqlString(expected)} AS INT) = 1`;
}
