// Unit tests of the write lease on a real file:// store in a temp dir, driven by manual clocks (one per "process").
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OmniError } from '../errors/index.js';
import { createFileObjectStore } from '../store/object/file.js';
import type { ObjectStore } from '../store/object/types.js';
import { createManualClock, type ManualClock } from './lease-clock.js';
import { localLeaseIdentity } from './lease-identity.js';
import { encodeLeaseRecord, type LeaseRecord } from './lease-record.js';
import { acquireLease, LEASE_KEY, readLease, type LeaseHandle, type LeaseWait } from './lease.js';

const TTL = 1000;
const dirs: string[] = [];
const handles: LeaseHandle[] = [];

function freshStore(): ObjectStore {
  const dir = mkdtempSync(path.join(tmpdir(), 'omnigraph-lease-unit-'));
  dirs.push(dir);
  return createFileObjectStore(dir);
}

afterEach(() => {
  for (const h of handles.splice(0)) h.stop();
  delete process.env['OMNIGRAPH_FAILPOINTS'];
});
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const realTick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Let real I/O run; whenever only timers of `clock` are left, jump to the next one. Resolves like `promise`. */
async function drive<T>(clock: ManualClock, promise: Promise<T>): Promise<T> {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  tracked.catch(() => undefined);
  for (let i = 0; i < 20_000 && !settled; i++) {
    await realTick();
    const due = clock.nextDueIn();
    if (!settled && due !== null) clock.advance(due);
  }
  return tracked;
}

/** Resolves (in real time) once `lease` is no longer held. */
function whenNotHeld(lease: LeaseHandle): Promise<void> {
  return new Promise((resolve) => {
    const poll = (): void => void (lease.state === 'held' ? setTimeout(poll, 1) : resolve());
    poll();
  });
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await realTick();
  expect(cond()).toBe(true);
}

async function acquire(store: ObjectStore, clock: ManualClock, extra: { ttlMs?: number; waitMs?: number; onWait?: (w: LeaseWait) => void } = {}): Promise<LeaseHandle> {
  const handle = await drive(clock, acquireLease(store, { ttlMs: extra.ttlMs ?? TTL, waitMs: extra.waitMs ?? 0, clock, ...(extra.onWait ? { onWait: extra.onWait } : {}) }));
  handles.push(handle);
  return handle;
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    return err instanceof OmniError ? err.code : `non-omni: ${String(err)}`;
  }
  return 'no error';
}

function codeOfSync(fn: () => void): string {
  try {
    fn();
  } catch (err) {
    return err instanceof OmniError ? err.code : `non-omni: ${String(err)}`;
  }
  return 'no error';
}

async function plantHeld(store: ObjectStore, patch: Partial<LeaseRecord>): Promise<void> {
  const me = await localLeaseIdentity();
  const record: LeaseRecord = { owner: '01JAAAAAAAAAAAAAAAAAAAAAAA', ...me, epoch: 4, state: 'held', ttl_ms: 60_000, renewed_at: new Date().toISOString(), ...patch };
  expect((await store.putIfAbsent(LEASE_KEY, encodeLeaseRecord(record))).ok).toBe(true);
}

describe('write lease: acquire, renew, release', () => {
  it('acquires a free lease with epoch 1 and writes who holds it', async () => {
    const store = freshStore();
    const lease = await acquire(store, createManualClock());
    expect(lease.epoch).toBe(1);
    expect(lease.acquisition).toMatchObject({ kind: 'fresh', previousEpoch: null });
    const stored = await readLease(store);
    const me = await localLeaseIdentity();
    expect(stored?.record).toMatchObject({ owner: lease.owner, host: me.host, boot_id: me.boot_id, pid: process.pid, pid_namespace: me.pid_namespace, epoch: 1, state: 'held', ttl_ms: TTL });
    expect(stored?.token).toBe(lease.token);
    lease.assertLive();
  });

  it('renews by CAS every TTL/3 on its timer, which keeps it live past the TTL', async () => {
    const store = freshStore();
    const clock = createManualClock();
    const lease = await acquire(store, clock);
    for (let round = 1; round <= 4; round++) {
      const before = lease.token;
      clock.advance(TTL / 3);
      await until(() => lease.token !== before);
      expect((await readLease(store))?.token).toBe(lease.token);
    }
    expect(clock.now()).toBeGreaterThan(TTL);
    lease.assertLive();
    expect(lease.state).toBe('held');
  });

  it('releases by CAS to state released (the object stays), clears its timer, and fences itself', async () => {
    const store = freshStore();
    const clock = createManualClock();
    const lease = await acquire(store, clock);
    expect(clock.pending()).toBe(1);
    expect(await lease.release()).toEqual({ outcome: 'released', epoch: 1 });
    expect(clock.pending()).toBe(0);
    expect((await readLease(store))?.record).toMatchObject({ state: 'released', epoch: 1, owner: lease.owner });
    expect(codeOfSync(() => lease.assertLive())).toBe('lease_lost');
    expect(await lease.release()).toEqual({ outcome: 'released', epoch: 1 });
  });

  it('re-acquiring a released lease bumps the epoch and reports the previous one', async () => {
    const store = freshStore();
    const first = await acquire(store, createManualClock());
    await first.release();
    const second = await acquire(store, createManualClock());
    expect(second.epoch).toBe(2);
    expect(second.acquisition).toMatchObject({ kind: 'reacquired', previousEpoch: 1 });
    await second.release();
    const third = await acquire(store, createManualClock());
    expect(third.epoch).toBe(3);
  });

  it('refuses bad options with bad_request', async () => {
    const store = freshStore();
    expect(await codeOf(acquireLease(store, { ttlMs: 0, waitMs: 0 }))).toBe('bad_request');
    expect(await codeOf(acquireLease(store, { ttlMs: 900, waitMs: 0, marginMs: 600 }))).toBe('bad_request');
    expect(await codeOf(acquireLease(store, { ttlMs: 900, waitMs: -1 }))).toBe('bad_request');
  });
});

describe('write lease: waiting and takeover', () => {
  it('a second holder waits, then times out with lease_timeout naming the holder', async () => {
    const store = freshStore();
    const holder = await acquire(store, createManualClock());
    const waits: LeaseWait[] = [];
    const clockB = createManualClock(50_000);
    const err = await drive(clockB, acquireLease(store, { ttlMs: TTL, waitMs: 600, pollMs: 100, clock: clockB, onWait: (w) => waits.push(w) })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OmniError);
    expect((err as OmniError).code).toBe('lease_timeout');
    expect((err as OmniError).details['holder']).toMatchObject({ pid: process.pid, epoch: 1, owner: holder.owner });
    expect(waits.length).toBeGreaterThanOrEqual(6);
    expect(waits.at(-1)?.waitedMs).toBe(600);
    expect((await readLease(store))?.token).toBe(holder.token);
  });

  it('takes over when the token stays unchanged for a full TTL on the taker\'s clock (epoch + 1)', async () => {
    const store = freshStore();
    const clockA = createManualClock();
    const holder = await acquire(store, clockA);
    const clockB = createManualClock(7_777); // another process: a different origin, never compared with A's
    const taker = await acquire(store, clockB, { waitMs: 5 * TTL });
    expect(taker.epoch).toBe(2);
    expect(taker.acquisition).toMatchObject({ kind: 'takeover', reason: 'expired', previousEpoch: 1 });
    expect(taker.acquisition.waitedMs).toBeGreaterThanOrEqual(TTL);
    expect(taker.acquisition.waitedMs).toBeLessThan(TTL + 200);
    expect(holder.state).toBe('held'); // A has not looked yet: its clock did not move
  });

  it('a holder that keeps renewing is never taken over', async () => {
    const store = freshStore();
    const clockA = createManualClock();
    const holder = await acquire(store, clockA);
    const clockB = createManualClock();
    const attempt = acquireLease(store, { ttlMs: TTL, waitMs: 3 * TTL, pollMs: 100, clock: clockB });
    let settled = false;
    const tracked = attempt.finally(() => (settled = true));
    tracked.catch(() => undefined);
    while (!settled) {
      await realTick();
      const due = clockB.nextDueIn();
      if (due === null) continue;
      clockB.advance(due);
      const before = holder.token;
      clockA.advance(due); // A lives through the same time and renews every TTL/3
      if (clockA.pending() === 0) await until(() => holder.token !== before || clockA.pending() > 0);
    }
    expect(await codeOf(tracked)).toBe('lease_timeout');
    expect(holder.state).toBe('held');
  });

  it('a taker waits out the holder\'s longer TTL, not only its own', async () => {
    const store = freshStore();
    const holder = await acquire(store, createManualClock(), { ttlMs: 3 * TTL });
    const clockB = createManualClock();
    expect(await codeOf(drive(clockB, acquireLease(store, { ttlMs: TTL, waitMs: 2.5 * TTL, clock: clockB })))).toBe('lease_timeout');
    const taker = await acquire(store, clockB, { waitMs: 4 * TTL });
    expect(taker.acquisition).toMatchObject({ kind: 'takeover', reason: 'expired', previousEpoch: holder.epoch });
  });

  it('after a takeover the old holder\'s renewal fails: it is lost, and its release leaves the successor alone', async () => {
    const store = freshStore();
    const clockA = createManualClock();
    const lost: string[] = [];
    const holder = await drive(clockA, acquireLease(store, { ttlMs: TTL, waitMs: 0, clock: clockA, onLost: (r) => lost.push(r) }));
    handles.push(holder);
    const taker = await acquire(store, createManualClock(), { waitMs: 5 * TTL });
    clockA.advance(TTL / 3); // well inside A's fence window: only the CAS tells A it lost
    await until(() => holder.state !== 'held');
    expect(holder.lostReason).toBe('superseded');
    expect(lost).toEqual(['superseded']);
    expect(codeOfSync(() => holder.assertLive())).toBe('lease_lost');
    expect(await holder.renew()).toBe(false);
    expect(await holder.release()).toEqual({ outcome: 'superseded', epoch: 1 });
    const stored = await readLease(store);
    expect(stored?.token).toBe(taker.token);
    expect(stored?.record).toMatchObject({ owner: taker.owner, epoch: 2, state: 'held' });
    taker.assertLive();
  });

  it('file://: a held lease of a dead local pid is taken at once (epoch + 1)', async () => {
    const store = freshStore();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    await plantHeld(store, { pid: dead });
    const lease = await acquire(store, createManualClock());
    expect(lease.epoch).toBe(5);
    expect(lease.acquisition).toMatchObject({ kind: 'takeover', reason: 'owner-dead', previousEpoch: 4, waitedMs: 0 });
  });

  it('file://: a live pid, or another boot, is not taken at once', async () => {
    const live = freshStore();
    await plantHeld(live, { pid: process.ppid });
    expect(await codeOf(acquireLease(live, { ttlMs: TTL, waitMs: 0 }))).toBe('lease_timeout');
    const otherBoot = freshStore();
    await plantHeld(otherBoot, { pid: spawnSync(process.execPath, ['-e', '0']).pid, boot_id: 'another-boot' });
    expect(await codeOf(acquireLease(otherBoot, { ttlMs: TTL, waitMs: 0 }))).toBe('lease_timeout');
  });

  it('a malformed lease fails with internal and is left untouched', async () => {
    const store = freshStore();
    const bad = new TextEncoder().encode('{"owner":"nope","epoch":1}');
    const put = await store.putIfAbsent(LEASE_KEY, bad);
    const err = await acquireLease(store, { ttlMs: TTL, waitMs: 0 }).catch((e: unknown) => e);
    expect((err as OmniError).code).toBe('internal');
    expect((err as OmniError).details['key']).toBe(LEASE_KEY);
    const after = await store.get(LEASE_KEY);
    expect(put.ok && after?.token === put.token).toBe(true);
  });
});

describe('write lease: self-fencing', () => {
  it('assertLive fails from lastRenewStart + TTL − margin on the holder\'s clock, and stays failed', async () => {
    const store = freshStore();
    const clock = createManualClock();
    const lease = await acquire(store, clock);
    lease.stop(); // no renewals: the window closes TTL − margin after the acquire started
    const fence = TTL - lease.marginMs;
    clock.advance(fence - 1);
    lease.assertLive();
    expect(lease.remainingMs()).toBe(1);
    clock.advance(1);
    expect(codeOfSync(() => lease.assertLive())).toBe('lease_lost');
    expect(lease.lostReason).toBe('expired');
    expect(await lease.renew()).toBe(false);
    expect(lease.state).toBe('lost');
    // Nobody took over, so once its effects have drained the fenced holder can still hand the lease on at once.
    expect(await lease.release()).toEqual({ outcome: 'released', epoch: 1 });
    expect((await readLease(store))?.record.state).toBe('released');
  });

  it('a renewal moves the window to its own start', async () => {
    const store = freshStore();
    const clock = createManualClock();
    const lease = await acquire(store, clock);
    lease.stop();
    clock.advance(500);
    expect(await lease.renew()).toBe(true);
    clock.advance(TTL - lease.marginMs - 1);
    lease.assertLive();
    clock.advance(1);
    expect(codeOfSync(() => lease.assertLive())).toBe('lease_lost');
  });

  it('failing renewals (failpoint lease.before-renew=error) keep the lease only until the fence', async () => {
    const store = freshStore();
    const clock = createManualClock();
    const lease = await acquire(store, clock);
    const token = lease.token;
    process.env['OMNIGRAPH_FAILPOINTS'] = 'lease.before-renew=error';
    clock.advance(TTL / 3);
    await until(() => clock.pending() === 1); // the failed renewal scheduled its retry
    expect(lease.state).toBe('held');
    lease.assertLive();
    await drive(clock, whenNotHeld(lease)); // retries every TTL/10 until the fence ends them
    expect(lease.lostReason).toBe('expired');
    expect(clock.now()).toBeGreaterThanOrEqual(TTL - lease.marginMs);
    expect(lease.token).toBe(token);
    expect(codeOfSync(() => lease.assertLive())).toBe('lease_lost');
  });

  it('failpoint lease.after-acquire=error fails the acquire and releases what it took', async () => {
    const store = freshStore();
    process.env['OMNIGRAPH_FAILPOINTS'] = 'lease.after-acquire=error';
    expect(await codeOf(acquireLease(store, { ttlMs: TTL, waitMs: 0, clock: createManualClock() }))).toBe('failpoint');
    expect((await readLease(store))?.record).toMatchObject({ state: 'released', epoch: 1 });
  });
});
