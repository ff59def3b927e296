// Unit tests of the format gate.
import { describe, expect, it } from 'vitest';
import { decideFormat, type FormatMigration } from './format.js';

const step = (from: number, readable: boolean): FormatMigration<null> => ({
  from,
  describe: `v${from} to v${from + 1}`,
  readableWithoutUpgrade: readable,
  apply: async () => undefined,
});

describe('format gate', () => {
  it('proceeds on the current format', () => {
    expect(decideFormat(3, 'read-only', [], 3)).toEqual({ action: 'proceed' });
  });

  it('refuses a newer format and a missing stamp with format_unsupported', () => {
    expect(() => decideFormat(4, 'read-write', [], 3)).toThrow(expect.objectContaining({ code: 'format_unsupported' }));
    expect(() => decideFormat(null, 'read-only', [], 3)).toThrow(expect.objectContaining({ code: 'format_unsupported' }));
  });

  it('migrates older formats on read-write open, in order', () => {
    const d = decideFormat(1, 'read-write', [step(2, true), step(1, true)], 3);
    expect(d.action).toBe('migrate');
    expect(d.action === 'migrate' && d.steps.map((s) => s.from)).toEqual([1, 2]);
  });

  it('reads an understood older format read-only and refuses one that needs the upgrade', () => {
    expect(decideFormat(2, 'read-only', [step(2, true)], 3)).toEqual({ action: 'read-older' });
    expect(() => decideFormat(1, 'read-only', [step(1, false), step(2, true)], 3)).toThrow(expect.objectContaining({ code: 'format_upgrade_required' }));
  });

  it('refuses an older format with a gap in the migrations', () => {
    expect(() => decideFormat(1, 'read-write', [step(2, true)], 3)).toThrow(expect.objectContaining({ code: 'format_unsupported' }));
  });
});
