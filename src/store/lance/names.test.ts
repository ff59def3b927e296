// Unit tests of the table and native-branch name rules.
import { describe, expect, it } from 'vitest';
import { assertBranchName, assertTableName } from './names.js';

const badRequest = expect.objectContaining({ code: 'bad_request' });

describe('lance names', () => {
  it('accepts flat table names', () => {
    for (const n of ['node_7_1', 'edge_3_2', '_graph_manifest', 'a.b-c']) expect(() => assertTableName(n)).not.toThrow();
  });

  it('refuses table names with a slash, bad characters, a leading dot or the reserved __manifest', () => {
    for (const n of ['a/b', '', '.x', '-x', 'a b', 'é', '__manifest', 'x'.repeat(129)]) expect(() => assertTableName(n)).toThrow(badRequest);
  });

  it('accepts flat branch names', () => {
    for (const n of ['f-01HZX3Q4R5S6T7V8W9XAYBZC0D', 'b1', 'feature_x.2']) expect(() => assertBranchName(n)).not.toThrow();
  });

  it("refuses nested, dotted, '.lock' and 'main' branch names", () => {
    for (const n of ['a/b', '', '..', 'x..y', '.hidden', 'x.lock', 'main', 'a b', '-x']) expect(() => assertBranchName(n)).toThrow(badRequest);
  });
});
