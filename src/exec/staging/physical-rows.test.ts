// Staged rows → Arrow → staged rows is the identity for every property kind, enums included.
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../compiler/index.js';
import { arrowToStaged, stagedToArrow, type StagedRow } from './physical-rows.js';

const catalog = compileSchema(`
node Item {
  name: String @key
  kind: enum(alpha, beta)
  tags: [String]?
  born: Date?
  big: I64?
  score: F64?
  ok: Bool?
}
`).catalog!;

describe('physical rows', () => {
  it('round-trips every property kind through Arrow', () => {
    const type = catalog.nodes['Item']!;
    const rows: StagedRow[] = [
      { id: 'a', values: { name: 'a', kind: 'beta', tags: ['x', 'y'], born: 19000, big: 12345678901234n, score: 1.5, ok: true } },
      { id: 'b', values: { name: 'b', kind: 'alpha', tags: null, born: null, big: null, score: null, ok: null } },
    ];
    expect(arrowToStaged(type, stagedToArrow(type, rows))).toEqual(rows);
  });
});
