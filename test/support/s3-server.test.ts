// The test S3 server answers conditional requests exactly as AWS does, atomically, and injects 409 on request.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { nanoid } from 'nanoid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectConditional409, rawS3Client, resetS3Faults, s3TestBucket, s3TestEndpoint } from './s3.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The rejection of an SDK call as {name, status}; fails the test if the call succeeds. */
async function rejection(p: Promise<unknown>): Promise<{ name: string; status: number | undefined }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(S3ServiceException);
    const e = err as S3ServiceException;
    return { name: e.name, status: e.$metadata.httpStatusCode };
  }
  throw new Error('expected the request to fail');
}

describe('test S3 server (conditional-write proxy over fauxqs)', () => {
  let s3: S3Client;
  const Bucket = (): string => s3TestBucket();
  const key = (label: string): string => `s3-server-test/${label}-${nanoid(8)}`;
  const put = (Key: string, body: string, extra: { IfNoneMatch?: string; IfMatch?: string } = {}) =>
    s3.send(new PutObjectCommand({ Bucket: Bucket(), Key, Body: enc(body), ...extra }));

  beforeAll(() => {
    s3 = rawS3Client();
  });
  afterAll(() => {
    s3.destroy();
  });

  it('exports the endpoint through process.env to forked workers and their child processes', () => {
    expect(process.env['AWS_ENDPOINT_URL_S3']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(process.env['AWS_ENDPOINT']).toBe(process.env['AWS_ENDPOINT_URL_S3']);
    expect(process.env['AWS_ALLOW_HTTP']).toBe('true');
    expect(process.env['OMNIGRAPH_TEST_S3_BUCKET']).toBe('omnigraph-test');
    expect(process.env['OMNIGRAPH_TEST_S3_CONTROL']).toBe(`${process.env['AWS_ENDPOINT_URL_S3']}/__control`);
    const seen = execFileSync(process.execPath, ['-e', 'process.stdout.write(process.env.AWS_ENDPOINT_URL_S3 ?? "")'], { encoding: 'utf8' });
    expect(seen).toBe(process.env['AWS_ENDPOINT_URL_S3']);
  });

  it('answers If-None-Match: * on an existing key with 412 PreconditionFailed and keeps the first body', async () => {
    const Key = key('create');
    const first = await put(Key, 'one', { IfNoneMatch: '*' });
    expect(first.ETag).toMatch(/^".+"$/);
    expect(await rejection(put(Key, 'two', { IfNoneMatch: '*' }))).toEqual({ name: 'PreconditionFailed', status: 412 });
    const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key }));
    expect(await got.Body?.transformToString()).toBe('one');
  });

  it('sends the AWS XML error body and headers on a 412', async () => {
    const Key = key('xml');
    await put(Key, 'x');
    const res = await fetch(`${s3TestEndpoint()}/${Bucket()}/${Key}`, { method: 'PUT', headers: { 'If-None-Match': '*' }, body: 'y' });
    expect(res.status).toBe(412);
    expect(res.headers.get('content-type')).toBe('application/xml');
    expect(res.headers.get('x-amz-request-id')).toMatch(/^[0-9A-F]{16}$/);
    const body = await res.text();
    expect(body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n<Error><Code>PreconditionFailed<\/Code><Message>/);
    expect(body).toContain('<Condition>If-None-Match</Condition>');
  });

  it('answers If-Match with another ETag with 412 and a matching one (quoted, bare or W/) with success', async () => {
    const Key = key('cas');
    const v1 = await put(Key, 'v1');
    const v2 = await put(Key, 'v2', { IfMatch: v1.ETag! });
    expect(v2.ETag).not.toBe(v1.ETag);
    expect(await rejection(put(Key, 'stale', { IfMatch: v1.ETag! }))).toEqual({ name: 'PreconditionFailed', status: 412 });
    const bare = v2.ETag!.replace(/"/g, '');
    const v3 = await put(Key, 'v3', { IfMatch: bare });
    await put(Key, 'v4', { IfMatch: `W/${v3.ETag!}` });
    const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key }));
    expect(await got.Body?.transformToString()).toBe('v4');
  });

  it('answers If-Match on a missing key with 404 NoSuchKey and writes nothing', async () => {
    const Key = key('missing');
    expect(await rejection(put(Key, 'x', { IfMatch: '"0123456789abcdef0123456789abcdef"' }))).toEqual({ name: 'NoSuchKey', status: 404 });
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key })))).status).toBe(404);
  });

  it('honours If-None-Match (304) and If-Match (412) on GET and HEAD', async () => {
    const Key = key('read');
    const { ETag } = await put(Key, 'body');
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: Bucket(), Key, IfNoneMatch: ETag! })))).status).toBe(304);
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key, IfNoneMatch: ETag! })))).status).toBe(304);
    expect((await rejection(s3.send(new GetObjectCommand({ Bucket: Bucket(), Key, IfMatch: '"other"' })))).status).toBe(412);
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key, IfMatch: '"other"' })))).status).toBe(412);
    const ok = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key, IfMatch: ETag!.replace(/"/g, ''), IfNoneMatch: '"other"' }));
    expect(await ok.Body?.transformToString()).toBe('body');
  });

  it('applies If-Match to DeleteObject and If-None-Match to CompleteMultipartUpload', async () => {
    const Key = key('other-writes');
    const { ETag } = await put(Key, 'keep');
    expect(await rejection(s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key, IfMatch: '"other"' })))).toEqual({
      name: 'PreconditionFailed',
      status: 412,
    });
    const upload = await s3.send(new CreateMultipartUploadCommand({ Bucket: Bucket(), Key }));
    const part = await s3.send(new UploadPartCommand({ Bucket: Bucket(), Key, UploadId: upload.UploadId!, PartNumber: 1, Body: enc('mp') }));
    const complete = s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: Bucket(),
        Key,
        UploadId: upload.UploadId!,
        MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag! }] },
        IfNoneMatch: '*',
      }),
    );
    expect(await rejection(complete)).toEqual({ name: 'PreconditionFailed', status: 412 });
    const head = await s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key }));
    expect(head.ETag).toBe(ETag);
    await s3.send(new DeleteObjectCommand({ Bucket: Bucket(), Key, IfMatch: ETag! }));
    expect((await rejection(s3.send(new HeadObjectCommand({ Bucket: Bucket(), Key })))).status).toBe(404);
  });

  it('answers the next N conditional writes under a scope with 409 ConditionalRequestConflict, without writing', async () => {
    const scope = `s3://${Bucket()}/s3-server-test/inject-${nanoid(8)}`;
    const Key = `${scope.slice(`s3://${Bucket()}/`.length)}/k`;
    await injectConditional409(2, scope);
    // Writes outside the scope and unconditional writes are not affected.
    await put(key('outside'), 'x', { IfNoneMatch: '*' });
    expect(await rejection(put(Key, 'a', { IfNoneMatch: '*' }))).toEqual({ name: 'ConditionalRequestConflict', status: 409 });
    const plain = await put(Key, 'plain');
    expect(await rejection(put(Key, 'b', { IfMatch: plain.ETag! }))).toEqual({ name: 'ConditionalRequestConflict', status: 409 });
    const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key }));
    expect(await got.Body?.transformToString()).toBe('plain');
    await put(Key, 'c', { IfMatch: plain.ETag! });

    await injectConditional409(5, scope);
    await resetS3Faults(scope);
    await put(`${Key}2`, 'd', { IfNoneMatch: '*' });
  });

  it('lets exactly one of 10 concurrent creates win and answers the other 9 with 412', async () => {
    const Key = key('race');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => put(Key, `writer-${i}`, { IfNoneMatch: '*' })));
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as S3ServiceException).$metadata.httpStatusCode).toBe(412);
    }
    const got = await s3.send(new GetObjectCommand({ Bucket: Bucket(), Key }));
    expect(await got.Body?.transformToString()).toBe(`writer-${winners[0]}`);
  });

  it('lets exactly one of 10 concurrent compare-and-swaps from the same ETag win', async () => {
    const Key = key('cas-race');
    const { ETag } = await put(Key, 'base');
    const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => put(Key, `writer-${i}`, { IfMatch: ETag! })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('releases the key lock when a client aborts a conditional write mid-body', async () => {
    const Key = key('abort');
    const url = new URL(`${s3TestEndpoint()}/${Bucket()}/${Key}`);
    await new Promise<void>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'PUT', path: url.pathname, headers: { 'If-None-Match': '*', 'Content-Length': '1000' } });
      req.on('error', () => resolve());
      req.write('partial');
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 200);
    });
    const started = Date.now();
    await put(Key, 'after-abort', { IfNoneMatch: '*' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
