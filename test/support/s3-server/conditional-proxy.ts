// A reverse proxy in front of fauxqs that makes S3 conditional writes atomic and AWS-exact, with fault injection.
//
// Why: no npm S3 emulator honours `If-None-Match`/`If-Match` on writes (see /work/shared/research/s3-emulator.md),
// and Lance commits rely on them. This proxy forwards every request byte-for-byte (Host header kept, so SigV4
// signatures stay valid). For PutObject, CopyObject, CompleteMultipartUpload and DeleteObject it takes a per-key
// lock, HEADs the key upstream and answers as AWS does:
//   If-None-Match: * on an existing key   -> 412 PreconditionFailed
//   If-Match on a missing key              -> 404 NoSuchKey
//   If-Match with another ETag             -> 412 PreconditionFailed   (quotes and W/ are ignored when comparing)
// DeleteObjects takes the locks of every key in its body. GET/HEAD with If-Match (412) or If-None-Match (304) are
// judged here under the key lock, and are forwarded without those two headers. A lock is released when the
// upstream answers, on an upstream error, when the client goes away, or after `lockTimeoutMs`.
//
// Control endpoints (plain HTTP on the same port; `__control` can never be a bucket name):
//   POST /__control/inject-409?count=N[&prefix=bucket/key-prefix]
//        The next N conditional writes (PutObject/CopyObject/CompleteMultipartUpload with If-Match or
//        If-None-Match) whose `bucket/key` starts with `prefix` (default: any) answer AWS's
//        `409 ConditionalRequestConflict` without being forwarded. Rules stack; the oldest matching rule is used.
//   POST /__control/reset[?prefix=...]   drop every injection rule (or only the rules with exactly this prefix)
//   GET  /__control/health               {"ok":true}
// With a `log` stream, one JSON line per request: {ts, method, op, bucket, key, keys (DeleteObjects only), query,
// range, ifMatch, ifNoneMatch, status, outcome, ms}; outcome is forwarded | precondition | injected | error.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { HeadBucketCommand, HeadObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { KeyMutex, type Release } from './key-mutex.js';
import {
  KEY_WRITES,
  classify,
  deleteObjectsKeys,
  judgeRead,
  judgeWrite,
  sendNotModified,
  sendS3Error,
  type CurrentObject,
  type S3Request,
  type Verdict,
} from './s3-wire.js';

/** Options for `startConditionalProxy`. */
export interface ConditionalProxyOptions {
  /** Base URL of the S3 server behind the proxy, e.g. `http://127.0.0.1:4566`. */
  readonly upstream: string;
  /** Port to listen on (default 0: a free port). The proxy always binds 127.0.0.1. */
  readonly port?: number;
  /** Longest time a request may hold a key lock or wait for the upstream (default 60 s). */
  readonly lockTimeoutMs?: number;
  /** Where to write the JSONL request log; no log when absent. */
  readonly log?: Writable;
}

/** A running proxy. */
export interface ConditionalProxy {
  /** `http://127.0.0.1:PORT`: the S3 endpoint clients use. */
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

interface InjectionRule {
  remaining: number;
  readonly prefix: string;
}

const CONDITIONAL_WRITES = new Set(['PutObject', 'CopyObject', 'CompleteMultipartUpload']);
const MAX_DELETE_BODY = 4 * 1024 * 1024;

/** Start the proxy on 127.0.0.1. */
export async function startConditionalProxy(options: ConditionalProxyOptions): Promise<ConditionalProxy> {
  const upstream = new URL(options.upstream);
  const lockTimeoutMs = options.lockTimeoutMs ?? 60_000;
  const locks = new KeyMutex(lockTimeoutMs);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const rules: InjectionRule[] = [];
  // fauxqs does not check signatures; the HEAD is still SigV4-signed like any SDK request.
  const headClient = new S3Client({
    endpoint: upstream.origin,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: { accessKeyId: 'omnigraph-proxy', secretAccessKey: 'omnigraph-proxy' },
    maxAttempts: 1,
  });

  async function current(bucket: string, key: string): Promise<CurrentObject | null> {
    try {
      const out = await headClient.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return { etag: out.ETag ?? '', lastModified: out.LastModified };
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
      throw err;
    }
  }

  async function bucketExists(bucket: string): Promise<boolean> {
    try {
      await headClient.send(new HeadBucketCommand({ Bucket: bucket }));
      return true;
    } catch (err) {
      if (err instanceof S3ServiceException && err.$metadata.httpStatusCode === 404) return false;
      throw err;
    }
  }

  function takeInjection(r: S3Request): boolean {
    if (!CONDITIONAL_WRITES.has(r.op) || (r.ifMatch === undefined && r.ifNoneMatch === undefined)) return false;
    const target = `${r.bucket}/${r.key}`;
    const rule = rules.find((x) => x.remaining > 0 && target.startsWith(x.prefix));
    if (rule === undefined) return false;
    rule.remaining -= 1;
    if (rule.remaining === 0) rules.splice(rules.indexOf(rule), 1);
    return true;
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL): void {
    req.resume();
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const prefix = url.searchParams.get('prefix') ?? '';
    if (url.pathname === '/__control/health' && req.method === 'GET') return reply(200, { ok: true });
    if (url.pathname === '/__control/inject-409' && req.method === 'POST') {
      const count = Number(url.searchParams.get('count') ?? '1');
      if (!Number.isInteger(count) || count < 1) return reply(400, { error: 'count must be a positive integer' });
      rules.push({ remaining: count, prefix });
      return reply(200, { ok: true, rules: rules.length });
    }
    if (url.pathname === '/__control/reset' && req.method === 'POST') {
      const keep = url.searchParams.has('prefix') ? rules.filter((r) => r.prefix !== prefix) : [];
      rules.splice(0, rules.length, ...keep);
      return reply(200, { ok: true, rules: rules.length });
    }
    reply(404, { error: `unknown control endpoint ${req.method} ${url.pathname}` });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://proxy.invalid');
    if (url.pathname.startsWith('/__control/')) return control(req, res, url);
    const started = performance.now();
    const r = classify(req);
    let outcome = 'forwarded';
    let deleteKeys: string[] | undefined;
    if (options.log !== undefined) {
      const log = options.log;
      res.on('close', () => {
        const line = {
          ts: new Date().toISOString(),
          method: req.method,
          op: r.op,
          bucket: r.bucket,
          key: r.key,
          ...(deleteKeys === undefined ? {} : { keys: deleteKeys }),
          query: r.query,
          range: req.headers.range,
          ifMatch: r.ifMatch,
          ifNoneMatch: r.ifNoneMatch,
          status: res.statusCode,
          outcome,
          ms: Math.round((performance.now() - started) * 10) / 10,
        };
        log.write(`${JSON.stringify(line)}\n`);
      });
    }

    const isConditional = r.ifMatch !== undefined || r.ifNoneMatch !== undefined;
    let lockKeys: string[] = [];
    let body: Buffer | undefined;
    if (KEY_WRITES.has(r.op)) lockKeys = [`${r.bucket}/${r.key}`];
    else if ((r.op === 'GetObject' || r.op === 'HeadObject') && isConditional) lockKeys = [`${r.bucket}/${r.key}`];
    else if (r.op === 'DeleteObjects') {
      body = await readBody(req, MAX_DELETE_BODY);
      if (body === undefined) {
        outcome = 'error';
        return sendS3Error(req, res, 400, 'MalformedXML');
      }
      deleteKeys = deleteObjectsKeys(body.toString('utf8'));
      lockKeys = deleteKeys.map((k) => `${r.bucket}/${k}`);
    }

    if (takeInjection(r)) {
      outcome = 'injected';
      sendS3Error(req, res, 409, 'ConditionalRequestConflict');
      req.resume();
      return;
    }

    const release: Release = lockKeys.length === 0 ? () => undefined : await locks.acquireAll(lockKeys);
    if (req.socket.destroyed) {
      // The client gave up while waiting for the lock.
      release();
      return;
    }
    if (isConditional && lockKeys.length === 1 && r.op !== 'DeleteObjects') {
      let verdict: Verdict;
      let cur: CurrentObject | null;
      try {
        cur = await current(r.bucket, r.key);
        verdict = KEY_WRITES.has(r.op) ? judgeWrite(r, cur) : judgeRead(r, cur);
        // A missing bucket is the store's answer (NoSuchBucket), not NoSuchKey: let the request through.
        if (verdict.kind === 'reject' && verdict.status === 404 && !(await bucketExists(r.bucket))) verdict = { kind: 'pass' };
      } catch {
        release();
        outcome = 'error';
        sendS3Error(req, res, 500, 'InternalError');
        req.resume();
        return;
      }
      if (verdict.kind === 'reject') {
        release();
        outcome = 'precondition';
        if (verdict.status === 304 && cur !== null) sendNotModified(res, cur);
        else if (verdict.status === 404) sendS3Error(req, res, 404, 'NoSuchKey', { Key: r.key });
        else sendS3Error(req, res, 412, 'PreconditionFailed', { Condition: verdict.condition });
        req.resume();
        return;
      }
    }
    // fauxqs compares read preconditions byte-for-byte; they are already judged above, so do not forward them.
    const dropReadConditions = (r.op === 'GetObject' || r.op === 'HeadObject') && isConditional;
    forward(req, res, release, body, dropReadConditions, () => {
      outcome = 'error';
    });
  }

  function forward(
    req: IncomingMessage,
    res: ServerResponse,
    release: Release,
    body: Buffer | undefined,
    dropReadConditions: boolean,
    onError: () => void,
  ): void {
    if (req.socket.destroyed) {
      release();
      return;
    }
    const headers: string[] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      const name = req.rawHeaders[i] ?? '';
      if (dropReadConditions && /^if-(none-)?match$/i.test(name)) continue;
      headers.push(name, req.rawHeaders[i + 1] ?? '');
    }
    const upstreamReq = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent },
      (upstreamRes) => {
        release();
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, upstreamRes.rawHeaders);
        upstreamRes.pipe(res);
      },
    );
    upstreamReq.setTimeout(lockTimeoutMs, () => upstreamReq.destroy(new Error('upstream timed out')));
    upstreamReq.on('error', () => {
      release();
      onError();
      if (!res.headersSent) sendS3Error(req, res, 502, 'InternalError');
      else res.destroy();
    });
    res.on('close', () => {
      if (!res.writableFinished) {
        // The client went away: stop the upstream exchange and free the key.
        upstreamReq.destroy();
        release();
      }
    });
    if (body !== undefined) upstreamReq.end(body);
    else req.pipe(upstreamReq);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendS3Error(req, res, 500, 'InternalError');
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
      headClient.destroy();
    },
  };
}

/** The whole request body, or `undefined` when it exceeds `limit` bytes or the client aborts. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size <= limit ? Buffer.concat(chunks) : undefined));
    req.on('error', () => resolve(undefined));
    req.on('close', () => {
      if (!req.complete) resolve(undefined);
    });
  });
}
