// S3 wire details for the test proxy: which operation a request is, ETag conditions, and AWS-shaped error replies.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The operations the proxy treats specially; everything else is forwarded untouched. */
export type S3Operation =
  | 'PutObject'
  | 'CopyObject'
  | 'CompleteMultipartUpload'
  | 'DeleteObject'
  | 'DeleteObjects'
  | 'GetObject'
  | 'HeadObject'
  | 'Other';

/** A path-style S3 request, classified. `key` is decoded; empty for bucket-level requests. */
export interface S3Request {
  readonly op: S3Operation;
  readonly bucket: string;
  readonly key: string;
  /** Raw query string without `?` (for the log). */
  readonly query: string;
  readonly ifMatch: string | undefined;
  readonly ifNoneMatch: string | undefined;
}

/** Operations that write or delete one key and therefore take that key's lock. */
export const KEY_WRITES: ReadonlySet<S3Operation> = new Set(['PutObject', 'CopyObject', 'CompleteMultipartUpload', 'DeleteObject']);

/** Query parameters that do not turn an object request into a sub-resource request (`?tagging`, `?acl`, ...). */
const PLAIN_OBJECT_PARAMS = new Set(['x-id', 'versionId']);
const PLAIN_READ_PARAMS = new Set(['x-id', 'versionId', 'partNumber']);

/** Classify a path-style request (`/bucket/key`). Virtual-hosted-style requests are classified as `Other`. */
export function classify(req: IncomingMessage): S3Request {
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  const query = url.search.replace(/^\?/, '');
  const rawPath = url.pathname.slice(1);
  const slash = rawPath.indexOf('/');
  let bucket: string;
  let key: string;
  try {
    bucket = decodeURIComponent(slash < 0 ? rawPath : rawPath.slice(0, slash));
    key = slash < 0 ? '' : decodeURIComponent(rawPath.slice(slash + 1));
  } catch {
    return { op: 'Other', bucket: '', key: '', query, ifMatch, ifNoneMatch };
  }
  const params = [...url.searchParams.keys()];
  const only = (allowed: ReadonlySet<string>): boolean => params.every((p) => allowed.has(p) || p.startsWith('response-'));
  const method = req.method ?? 'GET';
  let op: S3Operation = 'Other';
  if (bucket !== '' && key !== '') {
    if (method === 'PUT' && only(PLAIN_OBJECT_PARAMS)) op = header(req, 'x-amz-copy-source') === undefined ? 'PutObject' : 'CopyObject';
    else if (method === 'POST' && url.searchParams.has('uploadId')) op = 'CompleteMultipartUpload';
    else if (method === 'DELETE' && only(PLAIN_OBJECT_PARAMS)) op = 'DeleteObject';
    else if (method === 'GET' && only(PLAIN_READ_PARAMS)) op = 'GetObject';
    else if (method === 'HEAD' && only(PLAIN_READ_PARAMS)) op = 'HeadObject';
  }
  if (bucket !== '' && method === 'POST' && url.searchParams.has('delete')) op = 'DeleteObjects';
  return { op, bucket, key, query, ifMatch, ifNoneMatch };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** An ETag without `W/` and quotes, so `"abc"`, `abc` and `W/"abc"` compare equal. */
export function normalizeEtag(etag: string): string {
  let e = etag.trim();
  if (e.startsWith('W/')) e = e.slice(2);
  if (e.length >= 2 && e.startsWith('"') && e.endsWith('"')) e = e.slice(1, -1);
  return e;
}

/** True when an `If-Match`/`If-None-Match` list (`*` or comma-separated ETags) matches `etag`. */
export function etagListMatches(list: string, etag: string): boolean {
  const current = normalizeEtag(etag);
  return list.split(',').some((item) => {
    const t = item.trim();
    return t === '*' || (t !== '' && normalizeEtag(t) === current);
  });
}

/** What the current object looks like, from a HEAD upstream; `null` when absent. */
export interface CurrentObject {
  readonly etag: string;
  readonly lastModified: Date | undefined;
}

/** A decided outcome of a precondition check. */
export type Verdict = { readonly kind: 'pass' } | { readonly kind: 'reject'; readonly status: 304 | 404 | 412; readonly condition: string };

/**
 * AWS rules for conditional writes (PutObject, CopyObject, CompleteMultipartUpload, DeleteObject):
 * `If-Match` on a missing key is 404 NoSuchKey, on another ETag 412; `If-None-Match: *` on an existing key is 412.
 */
export function judgeWrite(req: S3Request, current: CurrentObject | null): Verdict {
  if (req.ifMatch !== undefined) {
    if (current === null) return { kind: 'reject', status: 404, condition: 'If-Match' };
    if (!etagListMatches(req.ifMatch, current.etag)) return { kind: 'reject', status: 412, condition: 'If-Match' };
  }
  if (req.ifNoneMatch !== undefined && current !== null && etagListMatches(req.ifNoneMatch, current.etag)) {
    return { kind: 'reject', status: 412, condition: 'If-None-Match' };
  }
  return { kind: 'pass' };
}

/** RFC 7232 rules for GET/HEAD: a failed `If-Match` is 412; a matching `If-None-Match` is 304. Missing keys pass (the store answers 404). */
export function judgeRead(req: S3Request, current: CurrentObject | null): Verdict {
  if (current === null) return { kind: 'pass' };
  if (req.ifMatch !== undefined && !etagListMatches(req.ifMatch, current.etag)) {
    return { kind: 'reject', status: 412, condition: 'If-Match' };
  }
  if (req.ifNoneMatch !== undefined && etagListMatches(req.ifNoneMatch, current.etag)) {
    return { kind: 'reject', status: 304, condition: 'If-None-Match' };
  }
  return { kind: 'pass' };
}

/** The error codes the proxy itself answers with, and their AWS messages. */
const MESSAGES = {
  PreconditionFailed: 'At least one of the pre-conditions you specified did not hold',
  NoSuchKey: 'The specified key does not exist.',
  ConditionalRequestConflict:
    'A conflicting operation occurred. If using PutObject you can retry the request. If using multipart upload you should initiate another CreateMultipartUpload request and re-upload each part.',
  InternalError: 'We encountered an internal error. Please try again.',
  MalformedXML: 'The XML you provided was not well-formed or did not validate against our published schema.',
} as const;

/** An S3 error code the proxy can answer with. */
export type ProxyErrorCode = keyof typeof MESSAGES;

/** Send an AWS-shaped XML error (no body for HEAD), with request-id headers as S3 sends them. */
export function sendS3Error(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: ProxyErrorCode,
  extra: Readonly<Record<string, string>> = {},
): void {
  const requestId = randomBytes(8).toString('hex').toUpperCase();
  const hostId = randomBytes(24).toString('base64');
  const fields = Object.entries(extra)
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join('');
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(MESSAGES[code])}</Message>${fields}` +
    `<RequestId>${requestId}</RequestId><HostId>${escapeXml(hostId)}</HostId></Error>`;
  const headers: Record<string, string | number> = { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId, server: 'AmazonS3' };
  if (req.method === 'HEAD') {
    res.writeHead(status, headers).end();
    return;
  }
  res.writeHead(status, { ...headers, 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) }).end(body);
}

/** Send `304 Not Modified` with the validators of the current object. */
export function sendNotModified(res: ServerResponse, current: CurrentObject): void {
  const headers: Record<string, string> = { etag: current.etag, server: 'AmazonS3' };
  if (current.lastModified !== undefined) headers['last-modified'] = current.lastModified.toUTCString();
  res.writeHead(304, headers).end();
}

/** The `<Key>` values of a DeleteObjects request body, XML entities decoded. */
export function deleteObjectsKeys(xml: string): string[] {
  return [...xml.matchAll(/<Key>([\s\S]*?)<\/Key>/g)].map((m) => unescapeXml(m[1] ?? ''));
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, entity: string) => {
    if (entity.startsWith('#x')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[entity] ?? '';
  });
}
