// Unit tests of the Lance SQL fragments: literals, plain column names, the poison-CAS condition.
import { describe, expect, it } from 'vitest';
import { poisonCasCondition, sqlColumn, sqlString } from './sql.js';

describe('lance sql', () => {
  it('quotes string literals, doubling inner quotes', () => {
    expect(sqlString("o'hara")).toBe("'o''hara'");
    expect(sqlString('')).toBe("''");
  });

  it('accepts plain column names and refuses anything that would need quoting', () => {
    expect(sqlColumn('p17')).toBe('p17');
    for (const bad of ['1p', 'a-b', 'a b', 'x;drop', '']) expect(() => sqlColumn(bad)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('builds the divide-by-zero CAS condition on the target column', () => {
    expect(poisonCasCondition('head_cas', "inc:c'1")).toBe("1 / CAST(target.head_cas = 'inc:c''1' AS INT) = 1");
  });
});
