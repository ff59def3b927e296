// Unit tests of the manifest reduction: pins by publish order, tombstones, heads, commits.
import { describe, expect, it } from 'vitest';
import { ManifestFolder, commitsNewestFirst, foldManifest } from './fold.js';
import { commitRow, formatRow, headRow, pinRow, registrationRow, tombstoneRow } from './records.js';
import type { ManifestRow, StoredManifestRow } from './rows.js';

const at = (v: number, row: ManifestRow, updated = v): StoredManifestRow => ({ ...row, created_at_version: v, updated_at_version: updated });
const pin = (tableId: string, branch: string | null, version: number, rowCount = 1) => ({
  tableId,
  tableKey: `node:${tableId}`,
  branch,
  version,
  rowCount,
  deletedIds: [],
  fullRewrite: false,
});
const commit = (id: string, parents: string[], created: number) => ({
  id,
  branch: 'main',
  parents,
  actor: null,
  createdAtMicros: created,
  kind: 'test',
  message: null,
  operationId: null,
});

describe('manifest fold', () => {
  it('takes the most recent pin by publish order, not the highest version number', () => {
    const rows = [
      at(1, formatRow(1, 't')),
      at(1, registrationRow({ tableId: 'A', tableKey: 'node:A' })),
      at(1, pinRow(pin('A', null, 9), 'c1')),
      // A later publish pins a lower version number on a fork: it wins.
      at(2, pinRow(pin('A', 'f-1', 4, 2), 'c2')),
    ];
    const s = foldManifest(rows.reverse(), 2);
    expect(s.formatVersion).toBe(1);
    expect(s.pins.get('A')).toMatchObject({ branch: 'f-1', version: 4, rowCount: 2, publishedAt: 2 });
  });

  it('drops tombstoned tables unless a later pin revives them', () => {
    const base = [at(1, registrationRow({ tableId: 'A', tableKey: 'node:A' })), at(1, pinRow(pin('A', null, 1), 'c1'))];
    expect(foldManifest([...base, at(2, tombstoneRow('A', 'node:A', 'c2'))], 2).pins.size).toBe(0);
    expect(foldManifest([...base, at(2, tombstoneRow('A', 'node:A', 'c2')), at(3, pinRow(pin('A', null, 2), 'c3'))], 3).pins.size).toBe(1);
  });

  it('refuses a pin without registration and two pins of one table in one publish', () => {
    expect(() => foldManifest([at(1, pinRow(pin('A', null, 1), 'c1'))], 1)).toThrow(expect.objectContaining({ code: 'internal' }));
    const f = new ManifestFolder();
    f.add(at(1, pinRow(pin('A', null, 1), 'c1')));
    expect(() => f.add(at(1, pinRow(pin('A', null, 2), 'c1b')))).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('folds heads updated in place and lists commits newest first by lineage key', () => {
    const rows = [
      at(1, commitRow(commit('01A', [], 10))),
      at(2, commitRow(commit('01B', ['01A'], 20))),
      at(2, commitRow(commit('01C', ['01A'], 5))),
      at(1, headRow({ branch: 'main', incarnation: 'I1', commitId: '01B' }), 2),
    ];
    const s = foldManifest(rows, 2);
    expect(s.heads.get('main')).toEqual({ branch: 'main', incarnation: 'I1', commitId: '01B' });
    expect(commitsNewestFirst(s).map((c) => c.id)).toEqual(['01B', '01C', '01A']);
    expect(s.commits.get('01B')?.manifestVersion).toBe(2);
  });

  it('ignores unknown row kinds and rejects corrupt known ones', () => {
    const unknown: ManifestRow = { ...formatRow(1, 't'), object_id: 'x', object_type: 'future_kind', metadata: null };
    expect(foldManifest([at(1, unknown)], 1).pins.size).toBe(0);
    expect(() => foldManifest([at(1, { ...formatRow(1, 't'), metadata: '{' })], 1)).toThrow(expect.objectContaining({ code: 'internal' }));
    expect(() => foldManifest([at(1, { ...headRow({ branch: 'main', incarnation: 'I', commitId: 'C' }), head_cas: 'I:D' })], 1)).toThrow(
      expect.objectContaining({ code: 'internal' }),
    );
  });

  it('derives the state at an earlier version from the current rows: pins, tombstones, heads, commits, history', () => {
    const folder = new ManifestFolder();
    const main = (id: string, parents: string[], v: number) => at(v, commitRow(commit(id, parents, v)));
    const rows = [
      at(1, registrationRow({ tableId: 'A', tableKey: 'node:A' })),
      at(1, pinRow(pin('A', null, 1), 'c1')),
      main('c1', [], 1),
      at(2, pinRow(pin('A', 'f-1', 2), 'c2')),
      main('c2', ['c1'], 2),
      at(4, tombstoneRow('A', 'node:A', 'c4')),
      main('c4', ['c2'], 4),
      // The head row as last written: created at 1, updated at 4.
      at(1, headRow({ branch: 'main', incarnation: 'I1', commitId: 'c4' }), 4),
      // A branch whose head row was inserted at 5 (no commit of its own yet) and updated by its first commit at 6.
      at(5, headRow({ branch: 'b', incarnation: 'I2', commitId: 'c6' }), 6),
      at(6, commitRow({ ...commit('c6', ['c4'], 6), branch: 'b' })),
    ];
    for (const r of rows.reverse()) folder.add(r);
    const s2 = folder.state(2);
    expect(s2.pins.get('A')).toMatchObject({ branch: 'f-1', version: 2, publishedAt: 2 });
    expect(s2.heads.get('main')).toEqual({ branch: 'main', incarnation: 'I1', commitId: 'c2' });
    expect(s2.heads.has('b')).toBe(false);
    expect([...s2.commits.keys()]).toEqual(['c1', 'c2']);
    expect(s2.commits.size).toBe(2);
    expect(s2.commits.get('c4')).toBeUndefined();
    expect(s2.pinHistory('A').map((p) => p.publishedAt)).toEqual([1, 2]);
    expect([...(s2.dataForks.get('A')?.keys() ?? [])]).toEqual(['f-1']);
    expect(folder.state(1).dataForks.size).toBe(0);
    expect(folder.state(3).pins.size).toBe(1);
    expect(folder.state(4).pins.size).toBe(0);
    // Before its first commit a branch's head is the commit it was created on.
    expect(folder.state(5).heads.get('b')).toEqual({ branch: 'b', incarnation: 'I2', commitId: 'c4' });
    const s6 = folder.state(6);
    expect(s6.heads.get('b')).toEqual({ branch: 'b', incarnation: 'I2', commitId: 'c6' });
    expect(commitsNewestFirst(s6).map((c) => c.id)).toEqual(['c6', 'c4', 'c2', 'c1']);
    // A view taken earlier does not change when later rows arrive.
    folder.add(main('c7', ['c4'], 7));
    expect(s6.commits.size).toBe(4);
    expect(folder.state(7).commits.has('c7')).toBe(true);
  });

  it('refuses two pins of one table at one version however the rows arrive', () => {
    const f = new ManifestFolder();
    f.add(at(1, registrationRow({ tableId: 'A', tableKey: 'node:A' })));
    f.add(at(2, pinRow(pin('A', null, 1), 'c2')));
    f.add(at(3, pinRow(pin('A', null, 3), 'c3')));
    f.add(at(2, pinRow(pin('A', null, 2), 'c2b')));
    expect(() => f.state(3)).toThrow(expect.objectContaining({ code: 'internal' }));
  });

  it('refuses a second row of one commit', () => {
    const f = new ManifestFolder();
    f.add(at(1, commitRow(commit('c1', [], 1))));
    expect(() => f.add(at(2, commitRow(commit('c1', [], 2))))).toThrow(expect.objectContaining({ code: 'internal' }));
  });
});
