// The graph write lease across real processes, on local disk and the S3 test server: queueing, SIGSTOP takeover, dead pids.
import { afterEach, describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/index.js';
import { acquireLease, readLease, type LeaseHandle } from '../../src/recovery/lease.js';
import { openObjectStore } from '../../src/store/object/open.js';
import type { ObjectStore } from '../../src/store/object/types.js';
import { LANCE_BACKENDS, S3_BACKEND } from '../support/lance-backends.js';
import { spawnLeaseChild, type LeaseChild } from '../support/lease-children.js';
import { injectConditional409, resetS3Faults } from '../support/s3.js';

const children: LeaseChild[] = [];
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const c of children.splice(0)) {
    c.kill('SIGCONT');
    c.kill('SIGKILL');
  }
  for (const f of cleanups.splice(0)) await f().catch(() => undefined);
});

function child(...args: Parameters<typeof spawnLeaseChild>): LeaseChild {
  const c = spawnLeaseChild(...args);
  children.push(c);
  return c;
}

function open(uri: string): ObjectStore {
  const store = openObjectStore(uri);
  cleanups.push(() => store.close());
  return store;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof OmniError ? err.code : `non-omni: ${String(err)}`;
  }
  return 'no error';
}

describe.each(LANCE_BACKENDS)('graph write lease on $name', (backend) => {
  it('processes released by a start barrier all acquire in turn: epochs increase, holds never overlap', async () => {
    const uri = backend.root('lease-queue');
    const n = 4;
    const procs = Array.from({ length: n }, () => child({ uri, mode: 'queue', ttlMs: 3000, waitMs: 30_000, pollMs: 20, holdMs: 250, barrier: true }));
    await Promise.all(procs.map((p) => p.next('ready')));
    for (const p of procs) p.send('go');
    const runs = await Promise.all(procs.map(async (p) => ({ acquired: await p.next('acquired'), released: await p.next('released') })));
    runs.sort((a, b) => (a.acquired['acquiredAt'] as number) - (b.acquired['acquiredAt'] as number));
    expect(runs.map((r) => r.acquired['epoch'])).toEqual([1, 2, 3, 4]);
    expect(runs.map((r) => (r.acquired['acquisition'] as { kind: string }).kind)).toEqual(['fresh', 'reacquired', 'reacquired', 'reacquired']);
    for (let i = 1; i < n; i++) {
      expect(runs[i]!.acquired['acquiredAt'] as number).toBeGreaterThanOrEqual(runs[i - 1]!.released['releaseStartAt'] as number);
    }
    expect(runs.every((r) => r.released['outcome'] === 'released')).toBe(true);
    // Contention was real: every child was trying before the first one let go, and the later ones had to wait.
    expect(Math.max(...runs.map((r) => r.acquired['startAt'] as number))).toBeLessThan(runs[0]!.released['releaseStartAt'] as number);
    expect(runs.slice(1).every((r) => (r.acquired['waits'] as number) > 0)).toBe(true);
    expect((await readLease(open(uri)))?.record).toMatchObject({ epoch: 4, state: 'released' });
  });

  it('a SIGSTOPped holder past expiry is taken over; resumed, it fences itself and leaves the successor alone', async () => {
    const uri = backend.root('lease-sigstop');
    const ttlMs = 1500;
    const a = child({ uri, mode: 'hold', ttlMs, waitMs: 0 });
    const b = child({ uri, mode: 'hold', ttlMs, waitMs: 20_000, pollMs: 50, barrier: true });
    const [heldA] = await Promise.all([a.next('acquired'), b.next('ready')]);
    a.kill('SIGSTOP');
    const stoppedAt = Date.now();
    b.send('go');
    const heldB = await b.next('acquired');
    const tookOverAfter = Date.now() - stoppedAt;
    expect(heldB['epoch']).toBe((heldA['epoch'] as number) + 1);
    expect(heldB['acquisition']).toMatchObject({ kind: 'takeover', reason: 'expired', previousEpoch: heldA['epoch'] });
    expect((heldB['acquisition'] as { waitedMs: number }).waitedMs).toBeGreaterThanOrEqual(ttlMs);
    a.kill('SIGCONT');
    const fenced = await a.next('fenced');
    expect(fenced['code']).toBe('lease_lost');
    const after = await a.next('after-fence');
    expect(after).toMatchObject({ renewed: false, releaseOutcome: 'superseded' });
    // The successor still holds, renews and releases by CAS on its own token: nothing of A's reached the lease.
    const stored = await readLease(open(uri));
    expect(stored?.record).toMatchObject({ owner: heldB['owner'], epoch: heldB['epoch'], state: 'held' });
    b.send('release');
    expect(await b.next('released')).toMatchObject({ outcome: 'released', epoch: heldB['epoch'] });
    expect(tookOverAfter).toBeGreaterThanOrEqual(ttlMs);
  });

  it('a SIGKILLed holder: file:// takes it over at once (epoch + 1); s3:// only after the TTL', async () => {
    const uri = backend.root('lease-dead');
    const ttlMs = backend.name === 'file' ? 60_000 : 1500;
    const a = child({ uri, mode: 'hold', ttlMs, waitMs: 0 });
    const held = await a.next('acquired');
    a.kill('SIGKILL');
    await a.exited();
    const store = open(uri);
    let lease: LeaseHandle;
    if (backend.name === 'file') {
      lease = await acquireLease(store, { ttlMs, waitMs: 0 });
      expect(lease.acquisition).toMatchObject({ kind: 'takeover', reason: 'owner-dead', previousEpoch: held['epoch'] });
    } else {
      expect(await codeOf(acquireLease(store, { ttlMs, waitMs: 0 }))).toBe('lease_timeout');
      lease = await acquireLease(store, { ttlMs, waitMs: 10_000, pollMs: 50 });
      expect(lease.acquisition).toMatchObject({ kind: 'takeover', reason: 'expired', previousEpoch: held['epoch'] });
      expect(lease.acquisition.waitedMs).toBeGreaterThanOrEqual(ttlMs);
    }
    expect(lease.epoch).toBe((held['epoch'] as number) + 1);
    expect(await lease.release()).toMatchObject({ outcome: 'released' });
  });

  it('a holder killed at failpoint lease.after-acquire=exit leaves a held lease the next process recovers from', async () => {
    const uri = backend.root('lease-fp');
    const a = child({ uri, mode: 'hold', ttlMs: 1500, waitMs: 0 }, { OMNIGRAPH_FAILPOINTS: 'lease.after-acquire=exit' });
    expect(await a.exited()).toBe('SIGKILL');
    const store = open(uri);
    expect((await readLease(store))?.record).toMatchObject({ epoch: 1, state: 'held', pid: a.pid });
    const lease = await acquireLease(store, { ttlMs: 1500, waitMs: 10_000, pollMs: 50 });
    expect(lease.epoch).toBe(2);
    expect(lease.acquisition).toMatchObject({ kind: 'takeover', reason: backend.name === 'file' ? 'owner-dead' : 'expired' });
    await lease.release();
  });
});

describe('graph write lease on s3: conditional conflicts', () => {
  it('a 409 ConditionalRequestConflict on renew or release is looked into, not taken as a loss', async () => {
    const uri = S3_BACKEND.root('lease-409');
    cleanups.push(() => resetS3Faults(uri));
    const store = open(uri);
    const lease = await acquireLease(store, { ttlMs: 30_000, waitMs: 0 });
    await injectConditional409(1, uri);
    expect(await lease.renew()).toBe(true);
    expect(lease.state).toBe('held');
    expect((await readLease(store))?.token).toBe(lease.token);
    await injectConditional409(1, uri);
    expect(await lease.release()).toEqual({ outcome: 'released', epoch: 1 });
    expect((await readLease(store))?.record.state).toBe('released');
  });
});
