// Behaviour specific to the s3:// ObjectStore: 409 as a lost condition, batched prefix deletes, prefix isolation, errors.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { OmniError } from '../../src/errors/index.js';
import { openObjectStore } from '../../src/store/object/open.js';
import { createS3ObjectStore, s3ClientConfigFromEnv } from '../../src/store/object/s3.js';
import type { ObjectStore } from '../../src/store/object/types.js';
import { injectConditional409, rawS3Client, resetS3Faults, s3TestBucket, s3TestUri } from '../support/s3.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

async function codeOf(p: Promise<unknown>): Promise<{ code: string; details: Readonly<Record<string, unknown>> }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(OmniError);
    return { code: (err as OmniError).code, details: (err as OmniError).details };
  }
  throw new Error('expected the call to fail');
}

/** Run `fn` with some environment variables replaced, restoring them afterwards. */
async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (v: Record<string, string | undefined>): void => {
    for (const [k, value] of Object.entries(v)) {
      if (value === undefined) delete process.env[k];
      else process.env[k] = value;
    }
  };
  apply(vars);
  try {
    return await fn();
  } finally {
    apply(saved);
  }
}

describe('s3 object store', () => {
  const stores: ObjectStore[] = [];
  const open = (uri: string): ObjectStore => {
    const store = openObjectStore(uri);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await resetS3Faults();
  });

  it('treats an injected 409 ConditionalRequestConflict on putIfAbsent as exists, writing nothing', async () => {
    const uri = s3TestUri('s3-409-absent');
    const store = open(uri);
    await injectConditional409(1, uri);
    expect(await store.putIfAbsent('claim.json', enc('a'))).toEqual({ ok: false, reason: 'exists' });
    expect(await store.head('claim.json')).toBeNull();
    const won = await store.putIfAbsent('claim.json', enc('b'));
    expect(won.ok).toBe(true);
  });

  it('treats an injected 409 on putIfMatch as mismatch and leaves the object as it was', async () => {
    const uri = s3TestUri('s3-409-match');
    const store = open(uri);
    const first = await store.putIfAbsent('ledger.json', enc('v1'));
    if (!first.ok) throw new Error('setup: create failed');
    await injectConditional409(1, uri);
    expect(await store.putIfMatch('ledger.json', enc('v2'), first.token)).toEqual({ ok: false, reason: 'mismatch' });
    const now = await store.get('ledger.json');
    expect(now === null ? null : { body: dec(now.body), token: now.token }).toEqual({ body: 'v1', token: first.token });
    expect((await store.putIfMatch('ledger.json', enc('v2'), first.token)).ok).toBe(true);
  });

  it('uses the ETag exactly as S3 returns it as the token', async () => {
    const uri = s3TestUri('s3-etag');
    const store = open(uri);
    const token = await store.put('a/b.json', enc('{}'));
    const s3 = rawS3Client();
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: s3TestBucket(), Key: `${uri.slice(`s3://${s3TestBucket()}/`.length)}/a/b.json` }));
      expect(token).toBe(head.ETag);
      expect((await store.head('a/b.json'))?.token).toBe(head.ETag);
    } finally {
      s3.destroy();
    }
  });

  it('keeps a store to its own prefix: a sibling prefix that shares the leading characters is not listed or deleted', async () => {
    const uri = s3TestUri('s3-iso');
    const mine = open(uri);
    const sibling = open(`${uri}x`);
    await mine.put('k', enc('1'));
    await sibling.put('k', enc('2'));
    expect((await mine.listPage('')).items.map((i) => i.key)).toEqual(['k']);
    expect(await mine.deletePrefix('')).toBe(1);
    expect(dec((await sibling.get('k'))!.body)).toBe('2');
  });

  it('deletes more than 1000 objects under a prefix in batches and counts them, sparing other prefixes', async () => {
    const store = open(s3TestUri('s3-bulk'));
    const total = 1050;
    const keys = Array.from({ length: total }, (_, i) => `doomed/${String(i).padStart(5, '0')}`);
    for (let i = 0; i < keys.length; i += 64) {
      await Promise.all(keys.slice(i, i + 64).map((k) => store.put(k, enc(k))));
    }
    await store.put('kept/one', enc('stay'));
    await store.put('doomed', enc('a key equal to the prefix without its slash'));

    const firstPage = await store.listPage('doomed/');
    expect(firstPage.items).toHaveLength(1000);
    expect(firstPage.nextCursor).toBeDefined();
    let listed = 0;
    for await (const _ of store.list('doomed/')) listed += 1;
    expect(listed).toBe(total);

    expect(await store.deletePrefix('doomed/')).toBe(total);
    expect((await store.listPage('doomed/')).items).toEqual([]);
    expect((await store.listPage('')).items.map((i) => i.key)).toEqual(['doomed', 'kept/one']);
  });

  it('runs the object.s3.before-put failpoint before every PutObject', async () => {
    const store = open(s3TestUri('s3-failpoint'));
    await withEnv({ OMNIGRAPH_FAILPOINTS: 'object.s3.before-put' }, async () => {
      expect((await codeOf(store.putIfAbsent('x', enc('1')))).code).toBe('failpoint');
      expect((await codeOf(store.put('x', enc('1')))).code).toBe('failpoint');
    });
    expect(await store.head('x')).toBeNull();
  });

  it('reports an unreachable endpoint as a storage error naming the failure', async () => {
    const failure = await withEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9', AWS_MAX_ATTEMPTS: '1' }, async () => {
      const store = open(s3TestUri('s3-dead'));
      return codeOf(store.get('k'));
    });
    expect(failure.code).toBe('storage');
    expect(failure.details['s3Error']).toBe('ECONNREFUSED');
  });

  it('reports a missing bucket as a storage error, not as an absent object', async () => {
    const store = createS3ObjectStore({ bucket: 'omnigraph-no-such-bucket', prefix: 'p', uri: 's3://omnigraph-no-such-bucket/p' });
    stores.push(store);
    const failure = await codeOf(store.get('k'));
    expect(failure).toMatchObject({ code: 'storage', details: { s3Error: 'NoSuchBucket' } });
    expect((await codeOf(store.putIfMatch('k', enc('x'), '"abc"' as never))).code).toBe('storage');
  });

  it('reads endpoint, region and addressing style from the AWS environment', () => {
    expect(s3ClientConfigFromEnv({ AWS_ENDPOINT_URL_S3: 'http://h:1', AWS_ENDPOINT: 'http://other:2', AWS_REGION: 'eu-west-1' })).toEqual({
      endpoint: 'http://h:1',
      region: 'eu-west-1',
      forcePathStyle: true,
    });
    expect(s3ClientConfigFromEnv({ AWS_ENDPOINT: 'http://h:1', AWS_VIRTUAL_HOSTED_STYLE_REQUEST: 'true' })).toEqual({
      endpoint: 'http://h:1',
      forcePathStyle: false,
    });
    expect(s3ClientConfigFromEnv({ AWS_DEFAULT_REGION: 'us-west-2' })).toEqual({ region: 'us-west-2', forcePathStyle: false });
    expect(s3ClientConfigFromEnv({ AWS_S3_FORCE_PATH_STYLE: 'true' })).toEqual({ forcePathStyle: true });
  });
});
