// Open options of CLI writes from the environment: OMNIGRAPH_LEASE_TTL_MS sets the write-lease time-to-live.
import type { OpenOptions } from '../engine.js';
import { RequestError } from '../errors/index.js';

/**
 * `{ lease: { ttlMs } }` when `OMNIGRAPH_LEASE_TTL_MS` is set (a positive integer), else `{}`. A shorter TTL lets the
 * next writer take over sooner after a writer process died holding the lease (the crash suites use it).
 */
export function writeOpenOptions(env: NodeJS.ProcessEnv = process.env): OpenOptions {
  const raw = env['OMNIGRAPH_LEASE_TTL_MS'];
  if (raw === undefined || raw === '') return {};
  const ttlMs = Number(raw);
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new RequestError('bad_request', `OMNIGRAPH_LEASE_TTL_MS must be a positive integer, got '${raw}'`);
  return { lease: { ttlMs } };
}
