// The ObjectStore conformance suite: every backend (file://, s3://) runs exactly these cases.
import { describe, expect, it } from 'vitest';
import type { OmniError } from '../../src/errors/index.js';
import type { ObjectStore, VersionToken } from '../../src/store/object/types.js';
import { raceObjectStore } from '../support/object-race.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** What a backend under test provides: a fresh, empty store per call, and the URI child processes open. */
export interface ObjectStoreFixture {
  readonly store: ObjectStore;
  readonly uri: string;
}

/** Register the conformance suite for one backend. */
export function objectStoreConformance(backend: string, fresh: () => Promise<ObjectStoreFixture>): void {
  describe(`ObjectStore conformance (${backend})`, () => {
    it('returns null for absent objects from get and head', async () => {
      const { store } = await fresh();
      expect(await store.get('missing.json')).toBeNull();
      expect(await store.head('a/b/missing.json')).toBeNull();
    });

    it('round-trips bytes, including empty and binary bodies, with a new token per write', async () => {
      const { store } = await fresh();
      const t1 = await store.put('x/obj.bin', new Uint8Array([0, 1, 2, 255]));
      const got = await store.get('x/obj.bin');
      expect([...(got?.body ?? [])]).toEqual([0, 1, 2, 255]);
      expect(got?.token).toBe(t1);
      const t2 = await store.put('x/obj.bin', new Uint8Array(0));
      expect(t2).not.toBe(t1);
      const empty = await store.get('x/obj.bin');
      expect(empty?.body.byteLength).toBe(0);
      expect((await store.head('x/obj.bin'))?.size).toBe(0);
    });

    it('putIfAbsent creates once, refuses while present and creates again after delete', async () => {
      const { store } = await fresh();
      const first = await store.putIfAbsent('lease.json', enc('a'));
      expect(first.ok).toBe(true);
      expect(await store.putIfAbsent('lease.json', enc('b'))).toEqual({ ok: false, reason: 'exists' });
      expect(dec((await store.get('lease.json'))!.body)).toBe('a');
      await store.delete('lease.json');
      expect(await store.get('lease.json')).toBeNull();
      const again = await store.putIfAbsent('lease.json', enc('c'));
      expect(again.ok).toBe(true);
      expect(dec((await store.get('lease.json'))!.body)).toBe('c');
    });

    it('putIfMatch swaps on the current token and refuses stale and missing ones', async () => {
      const { store } = await fresh();
      const created = await store.putIfAbsent('cas.json', enc('v1'));
      if (!created.ok) throw new Error('create failed');
      const swapped = await store.putIfMatch('cas.json', enc('v2'), created.token);
      expect(swapped.ok).toBe(true);
      expect(await store.putIfMatch('cas.json', enc('v3'), created.token)).toEqual({ ok: false, reason: 'mismatch' });
      expect(dec((await store.get('cas.json'))!.body)).toBe('v2');
      expect(await store.putIfMatch('nothing.json', enc('v'), created.token)).toEqual({ ok: false, reason: 'missing' });
      if (!swapped.ok) throw new Error('swap failed');
      await store.delete('cas.json');
      expect(await store.putIfMatch('cas.json', enc('v4'), swapped.token)).toEqual({ ok: false, reason: 'missing' });
      expect(await store.get('cas.json')).toBeNull();
    });

    it('a token of one object does not swap another', async () => {
      const { store } = await fresh();
      const a = await store.putIfAbsent('a.json', enc('a'));
      await store.putIfAbsent('b.json', enc('b'));
      await store.put('b.json', enc('b2'));
      if (!a.ok) throw new Error('create failed');
      const r = await store.putIfMatch('b.json', enc('x'), 'not-a-token' as VersionToken);
      expect(r.ok).toBe(false);
      expect(dec((await store.get('b.json'))!.body)).toBe('b2');
    });

    it('deleting an absent key is not an error', async () => {
      const { store } = await fresh();
      await expect(store.delete('never/was.json')).resolves.toBeUndefined();
    });

    it('lists by plain prefix in ascending order, page by page', async () => {
      const { store } = await fresh();
      const keys = ['r/01.json', 'r/02.json', 'r/03.json', 'r/sub/04.json', 'r2/05.json', 's/06.json'];
      for (const k of [...keys].reverse()) await store.put(k, enc(k));
      await store.delete('r/02.json');
      const all: string[] = [];
      for await (const m of store.list('r')) all.push(m.key);
      expect(all).toEqual(['r/01.json', 'r/03.json', 'r/sub/04.json', 'r2/05.json']);
      const folder: string[] = [];
      for await (const m of store.list('r/')) folder.push(m.key);
      expect(folder).toEqual(['r/01.json', 'r/03.json', 'r/sub/04.json']);
      const p1 = await store.listPage('', { limit: 2 });
      expect(p1.items.map((m) => m.key)).toEqual(['r/01.json', 'r/03.json']);
      expect(p1.nextCursor).toBeDefined();
      const p2 = await store.listPage('', { limit: 2, cursor: p1.nextCursor! });
      expect(p2.items.map((m) => m.key)).toEqual(['r/sub/04.json', 'r2/05.json']);
      const p3 = await store.listPage('', { limit: 2, cursor: p2.nextCursor! });
      expect(p3.items.map((m) => m.key)).toEqual(['s/06.json']);
      expect(p3.nextCursor).toBeUndefined();
      const meta = p3.items[0]!;
      expect(meta.size).toBe(enc('s/06.json').byteLength);
      expect(meta.token).toBe((await store.head('s/06.json'))!.token);
    });

    it('deletePrefix removes exactly the objects under the prefix and counts them', async () => {
      const { store } = await fresh();
      for (const k of ['d/a.json', 'd/b/c.json', 'd/b/e.json', 'keep/a.json', 'dd.json']) await store.put(k, enc(k));
      expect(await store.deletePrefix('d/')).toBe(3);
      const left: string[] = [];
      for await (const m of store.list('')) left.push(m.key);
      expect(left).toEqual(['dd.json', 'keep/a.json']);
      expect(await store.deletePrefix('d/')).toBe(0);
    });

    it('rejects invalid keys with bad_request', async () => {
      const { store } = await fresh();
      for (const bad of ['', '/abs', 'a//b', '../up', 'a/./b', 'a/.hidden', 'tilde~1', 'sp ace']) {
        await expect(store.get(bad)).rejects.toMatchObject({ code: 'bad_request' } satisfies Partial<OmniError>);
      }
    });

    it('10 concurrent processes creating one key produce exactly one winner', async () => {
      const { store, uri } = await fresh();
      const race = await raceObjectStore({ uri, op: 'create', key: 'race/create.json', processes: 10 });
      expect(race.results.filter((r) => r.ok)).toHaveLength(1);
      expect(race.results.filter((r) => !r.ok).every((r) => r.reason === 'exists')).toBe(true);
      expect(race.lastReadAt).toBeLessThan(race.firstWriteReturnedAt);
      expect(race.overlappingWrites).toBeGreaterThanOrEqual(2);
      const winner = race.results.find((r) => r.ok)!;
      expect(dec((await store.get('race/create.json'))!.body)).toBe(winner.body);
    });

    it('10 concurrent processes swapping from one token produce exactly one winner', async () => {
      const { store, uri } = await fresh();
      await store.put('race/cas.json', enc('seed'));
      const race = await raceObjectStore({ uri, op: 'cas', key: 'race/cas.json', processes: 10 });
      expect(new Set(race.results.map((r) => r.readToken)).size).toBe(1);
      expect(race.results.filter((r) => r.ok)).toHaveLength(1);
      expect(race.results.filter((r) => !r.ok).every((r) => r.reason === 'mismatch')).toBe(true);
      expect(race.lastReadAt).toBeLessThan(race.firstWriteReturnedAt);
      expect(race.overlappingWrites).toBeGreaterThanOrEqual(2);
      const winner = race.results.find((r) => r.ok)!;
      expect(dec((await store.get('race/cas.json'))!.body)).toBe(winner.body);
    });
  });
}
