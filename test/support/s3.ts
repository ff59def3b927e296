// Test helpers for the S3 test server that global-setup.ts starts: unique s3:// prefixes, fault injection, raw clients.
import { S3Client } from '@aws-sdk/client-s3';
import { nanoid } from 'nanoid';

/** The test bucket (global-setup.ts creates it). */
export function s3TestBucket(): string {
  return requiredEnv('OMNIGRAPH_TEST_S3_BUCKET');
}

/** The S3 endpoint of the test server (`http://127.0.0.1:PORT`). */
export function s3TestEndpoint(): string {
  return requiredEnv('AWS_ENDPOINT_URL_S3');
}

/**
 * A fresh, unique `s3://omnigraph-test/<label>-<id>` location; nothing exists under it yet.
 * @example
 * const store = openObjectStore(s3TestUri('sidecars'));
 */
export function s3TestUri(label: string): string {
  return `s3://${s3TestBucket()}/${label}-${nanoid(10)}`;
}

/** A raw SDK client for the test server (path style), for tests that talk S3 directly. Destroy it after use. */
export function rawS3Client(): S3Client {
  return new S3Client({ endpoint: s3TestEndpoint(), forcePathStyle: true, region: process.env['AWS_REGION'] ?? 'us-east-1' });
}

/**
 * Make the next `count` conditional writes (PutObject/CopyObject/CompleteMultipartUpload with If-Match or
 * If-None-Match) answer AWS's `409 ConditionalRequestConflict`. `scope` (an `s3://bucket/prefix` URI) limits the
 * injection to keys under it, so test files running in parallel do not consume each other's faults; pass it.
 */
export async function injectConditional409(count: number, scope?: string): Promise<void> {
  const params = new URLSearchParams({ count: String(count) });
  if (scope !== undefined) params.set('prefix', scopePrefix(scope));
  await control('inject-409', params);
}

/** Drop pending fault injections: those made with `scope`, or every one when `scope` is absent. */
export async function resetS3Faults(scope?: string): Promise<void> {
  const params = new URLSearchParams();
  if (scope !== undefined) params.set('prefix', scopePrefix(scope));
  await control('reset', params);
}

function scopePrefix(scope: string): string {
  const m = /^s3:\/\/(.+)$/.exec(scope);
  if (m === null) throw new Error(`scope must be an s3:// URI, got '${scope}'`);
  return m[1] ?? '';
}

async function control(action: string, params: URLSearchParams): Promise<void> {
  const query = params.toString();
  const res = await fetch(`${requiredEnv('OMNIGRAPH_TEST_S3_CONTROL')}/${action}${query === '' ? '' : `?${query}`}`, { method: 'POST' });
  if (!res.ok) throw new Error(`S3 test server control ${action} answered ${res.status}: ${await res.text()}`);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run this test in the vitest 'integration' project (test/support/global-setup.ts sets it)`);
  }
  return value;
}
