// Starts the test S3 server in this process: fauxqs (in memory) on loopback, behind the conditional-write proxy.
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import { buildApp } from 'fauxqs';
import { startConditionalProxy } from './conditional-proxy.js';

/** Options for `startS3TestServer`. */
export interface S3TestServerOptions {
  /** Port for the proxy (the S3 endpoint); default 0, a free port. */
  readonly port?: number;
  /** JSONL request log destination (see conditional-proxy.ts). */
  readonly log?: Writable;
}

/** A running test S3 server. */
export interface S3TestServer {
  /** The S3 endpoint clients use (the proxy): `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  /** Base URL of the proxy's `/__control/...` endpoints (the same origin as `endpoint`). */
  readonly control: string;
  /** fauxqs itself, without conditional writes; for diagnostics only. */
  readonly upstream: string;
  close(): Promise<void>;
}

/** Start fauxqs on 127.0.0.1 (a free port, in memory) and the conditional-write proxy in front of it. */
export async function startS3TestServer(options: S3TestServerOptions = {}): Promise<S3TestServer> {
  const app = buildApp({ logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const upstream = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let proxy;
  try {
    proxy = await startConditionalProxy({ upstream, port: options.port ?? 0, ...(options.log ? { log: options.log } : {}) });
  } catch (err) {
    await app.close();
    throw err;
  }
  const started = proxy;
  return {
    endpoint: started.endpoint,
    control: `${started.endpoint}/__control`,
    upstream,
    async close() {
      await started.close();
      await app.close();
    },
  };
}
