// Key validation shared by every ObjectStore backend.
import { RequestError } from '../../errors/index.js';

const SEGMENT = /^[A-Za-z0-9_=-][A-Za-z0-9._=-]*$/;
const MAX_KEY_BYTES = 1024;

/** Throws `bad_request` unless `key` is a valid object key (see `ObjectStore`). */
export function validateKey(key: string): void {
  if (key.length === 0 || Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new RequestError('bad_request', `object key must be 1..${MAX_KEY_BYTES} bytes, got ${Buffer.byteLength(key)}`, { details: { key } });
  }
  for (const segment of key.split('/')) {
    if (!SEGMENT.test(segment)) {
      throw new RequestError(
        'bad_request',
        `object key '${key}' has an invalid segment '${segment}': use letters, digits, '.', '_', '-', '=' and do not start a segment with '.'`,
        { details: { key } },
      );
    }
  }
}

/** Throws `bad_request` unless `prefix` is empty or a valid key prefix (a trailing `/` or partial segment is allowed). */
export function validatePrefix(prefix: string): void {
  if (prefix === '') return;
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  validateKey(trimmed);
}
