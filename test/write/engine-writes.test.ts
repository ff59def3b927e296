// Writes through the engine: the lease is taken on demand and released after use, several processes queue on it,
// and a crashed writer's sidecar is recovered by the next read-write open — never a live writer's.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { readLease } from '../../src/recovery/lease.js';
import { readAudit } from '../../src/recovery/audit.js';
import { openObjectStore } from '../../src/store/object/open.js';
import { FAILPOINT_PAUSED_MARKER } from '../../src/util/failpoints.js';
import { checkConsistent } from '../support/crash-check.js';
import { TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { people, writeSet } from '../support/write-sets.js';

const CHILD = fileURLToPath(new URL('../support/engine-writer-child.ts', import.meta.url));
const TTL = 1500;
const children: ChildProcessWithoutNullStreams[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
});

function spawnWriter(uri: string, from: number, count: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, uri, String(from), String(count), String(TTL)], { env: { ...process.env, ...env } });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let drained = false;
  const rl = createInterface({ input: child.stdout });
  rl.on('line', (l) => {
    lines.push(JSON.parse(l) as Record<string, unknown>);
    waiters.splice(0).forEach((w) => w());
  });
  rl.on('close', () => {
    drained = true;
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (type: string): Promise<Record<string, unknown>> => {
    for (;;) {
      const found = lines.find((l) => l['type'] === type);
      if (found) return found;
      // Its exit can be seen before its last lines: only a drained stdout without the line is a failure.
      if (drained) throw new Error(`writer exited ${child.exitCode}: ${stderr}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 200);
      });
    }
  };
  return { child, next, stderr: () => stderr };
}

describe.each(LANCE_BACKENDS)('engine writes ($name)', (backend) => {
  it('applyWriteSet commits under the lease and releases it after the linger', async () => {
    const uri = backend.root('eng-write');
    const graph = await Omnigraph.init(uri, TEST_SCHEMA);
    await graph.close();
    const g = await Omnigraph.open(uri, { lease: { ttlMs: TTL, lingerMs: 50 } });
    try {
      const ws = writeSet(g.catalog, await g.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(0, 3) }]);
      expect(await g.applyWriteSet(ws)).toMatchObject({ commitId: ws.commitId });
      const objects = openObjectStore(uri);
      expect((await readLease(objects))?.record).toMatchObject({ state: 'held', epoch: 1 });
      await new Promise((r) => setTimeout(r, 300));
      expect((await readLease(objects))?.record).toMatchObject({ state: 'released' });
      await objects.close();
      expect((await g.snapshot()).table('node', 'Person')!.rowCount).toBe(3);
    } finally {
      await g.close();
    }
  });

  it('processes released together queue on the lease: every write commits, the chain is linear', async () => {
    const uri = backend.root('eng-queue');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    const writers = [0, 1, 2].map((i) => spawnWriter(uri, i * 100, 100));
    await Promise.all(writers.map((w) => w.next('ready')));
    for (const w of writers) w.child.stdin.write('go\n');
    const done = await Promise.all(writers.map((w) => w.next('done')));
    expect(done.every((d) => d['ok'] === true)).toBe(true);
    const firstEnd = Math.min(...done.map((d) => d['endAt'] as number));
    expect(done.filter((d) => (d['startAt'] as number) <= firstEnd).length).toBeGreaterThanOrEqual(2);
    const g = await Omnigraph.open(uri, { mode: 'read-only' });
    const commits = await g.commits();
    await g.close();
    expect(commits).toHaveLength(4);
    for (let i = 0; i < commits.length - 1; i++) expect(commits[i]!.parents).toEqual([commits[i + 1]!.id]);
    expect(await checkConsistent(uri)).toEqual({ person: 300, company: 300, worksAt: 0 });
  });

  it('a read-write open never recovers a live writer; after that writer dies, the next write recovers it', async () => {
    const uri = backend.root('eng-live');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    const w = spawnWriter(uri, 0, 50, { OMNIGRAPH_FAILPOINTS: 'write.after-table-commit=pause' });
    await w.next('ready');
    w.child.stdin.write('go\n');
    while (!w.stderr().includes(FAILPOINT_PAUSED_MARKER)) await new Promise((r) => setTimeout(r, 20));

    const g = await Omnigraph.open(uri, { lease: { ttlMs: TTL, waitMs: 10_000, lingerMs: 0 } });
    try {
      expect(g.recoveries()).toEqual([]);
      expect(await readAudit(uri)).toEqual([]);
      w.child.kill('SIGKILL');
      await new Promise((r) => w.child.once('exit', r));
      const attempt = async () => g.applyWriteSet(writeSet(g.catalog, await g.head(), [{ kind: 'node', type: 'Person', mode: 'upsert', rows: people(1000, 1001) }]));
      // Taking the lease recovers the dead writer first: its rollback commit moves the head this write was prepared on.
      await expect(attempt()).rejects.toMatchObject({ code: 'read_set_conflict' });
      expect(g.recoveries()).toMatchObject([{ kind: 'rolled_back' }]);
      expect(await attempt()).not.toBeNull();
    } finally {
      await g.close();
    }
    expect(await checkConsistent(uri)).toEqual({ person: 1, company: 0, worksAt: 0 });
    expect((await readAudit(uri)).map((a) => a.recovery_kind)).toEqual(['rolled_back']);
  });
});
