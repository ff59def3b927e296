// A reader of a manifest whose old versions another handle pruned: its cached state refreshes and time-travels (INV-30).
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { ManifestStore } from '../../src/manifest/index.js';
import { connectLance } from '../../src/store/lance/index.js';
import { appendAndPublish, lineageRequest, TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';

describe.each(LANCE_BACKENDS)('manifest pruning under readers ($name)', (backend) => {
  it('a reader that cached a state before a prune refreshes and time-travels after it', async () => {
    const uri = backend.root('prune-reader');
    const writer = await Omnigraph.init(uri, TEST_SCHEMA);
    const reader = await Omnigraph.open(uri, { mode: 'read-only' });
    try {
      const first = await appendAndPublish(writer, 'Person', [{ id: 'p0', name: 'P0', age: 0 }]);
      const cached = await reader.snapshot();
      expect(cached.headCommitId).toBe(first.commitId);
      for (let i = 0; i < 40; i++) await writer.__unsafePublish(lineageRequest('pruner'));
      const conn = await connectLance(uri);
      const store = await ManifestStore.open(conn, { readOnly: false });
      const pruned = await store.compact('main', { graceMs: 0, retainedVersions: 1 });
      store.close();
      conn.close();
      expect(pruned.prune.oldVersionsRemoved).toBeGreaterThan(40);
      // The reader's cached state is older than every remaining version; its refresh reads only newer rows.
      const now = await reader.snapshot();
      expect(now.headCommitId).toBe((await writer.head()).commitId);
      expect((await reader.commits()).length).toBe(42);
      const back = await reader.snapshot({ commit: first.commitId });
      expect(await (await back.open(back.table('node', 'Person')!)).countRows()).toBe(1);
    } finally {
      await reader.close();
      await writer.close();
    }
  });
});
