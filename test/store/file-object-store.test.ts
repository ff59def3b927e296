// The file:// ObjectStore: conformance suite plus the generation layout's own guarantees.
import { readdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileObjectStore } from '../../src/store/object/file.js';
import { objectStoreConformance } from '../conformance/object-store.case.js';
import { tempDir } from '../support/temp.js';

objectStoreConformance('file', async () => {
  const root = tempDir('objstore');
  return { store: createFileObjectStore(root), uri: pathToFileURL(root).href };
});

describe('file object store', () => {
  it('keeps only the newest generation after a write', async () => {
    const root = tempDir('objstore-gen');
    const store = createFileObjectStore(root);
    for (let i = 0; i < 5; i++) await store.put('k/obj.json', new TextEncoder().encode(String(i)));
    expect(readdirSync(path.join(root, 'k'))).toEqual(['obj.json~5']);
  });

  it('a deleted object keeps its tombstone so generation numbers never restart', async () => {
    const root = tempDir('objstore-tomb');
    const store = createFileObjectStore(root);
    const first = await store.putIfAbsent('t.json', new Uint8Array([1]));
    await store.delete('t.json');
    const second = await store.putIfAbsent('t.json', new Uint8Array([2]));
    expect(first.ok && second.ok && first.token !== second.token).toBe(true);
  });

  it('sweep removes old temp files and old tombstones, and nothing live', async () => {
    const root = tempDir('objstore-sweep');
    const store = createFileObjectStore(root);
    await store.put('live.json', new Uint8Array([1]));
    await store.put('dead.json', new Uint8Array([1]));
    await store.delete('dead.json');
    const tmp = path.join(root, '.tmp-crashed');
    writeFileSync(tmp, 'partial');
    const old = new Date(Date.now() - 3_600_000);
    for (const f of readdirSync(root)) utimesSync(path.join(root, f), old, old);
    expect(await store.sweep({ olderThanMs: 60_000 })).toBe(2);
    expect(readdirSync(root).sort()).toEqual(['live.json~1']);
    expect((await store.get('live.json'))?.body).toEqual(new Uint8Array([1]));
  });

  it('sweep with a prefix touches only that folder', async () => {
    const root = tempDir('objstore-sweep-prefix');
    const store = createFileObjectStore(root);
    for (const k of ['__recovery/a.json', 'other/b.json']) {
      await store.put(k, new Uint8Array([1]));
      await store.delete(k);
    }
    const old = new Date(Date.now() - 3_600_000);
    for (const d of ['__recovery', 'other']) for (const f of readdirSync(path.join(root, d))) utimesSync(path.join(root, d, f), old, old);
    expect(await store.sweep({ olderThanMs: 60_000, prefix: '__recovery/' })).toBe(1);
    expect(readdirSync(path.join(root, '__recovery'))).toEqual([]);
    expect(readdirSync(path.join(root, 'other'))).toHaveLength(1);
  });

  it('sweep leaves recent leftovers alone', async () => {
    const root = tempDir('objstore-sweep2');
    const store = createFileObjectStore(root);
    writeFileSync(path.join(root, '.tmp-inflight'), 'x');
    expect(await store.sweep({ olderThanMs: 60_000 })).toBe(0);
  });

  it('refuses a relative root', () => {
    expect(() => createFileObjectStore('relative/dir')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
