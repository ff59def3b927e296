// Storage URI parsing: plain paths, file:// URIs and s3://bucket/prefix.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { RequestError } from '../../errors/index.js';

/** A parsed storage location. */
export type StorageLocation =
  | { readonly kind: 'file'; readonly root: string; readonly uri: string }
  | { readonly kind: 's3'; readonly bucket: string; readonly prefix: string; readonly uri: string };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parse a storage URI. Plain paths are resolved against the working directory.
 * @example
 * parseStorageUri('s3://graphs/team-a'); // {kind: 's3', bucket: 'graphs', prefix: 'team-a', ...}
 */
export function parseStorageUri(input: string): StorageLocation {
  const raw = input.trim();
  if (raw === '') throw invalid(input, 'the URI is empty');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (raw.includes('://')) throw invalid(input, 'the scheme is malformed');
    const root = path.resolve(raw);
    return { kind: 'file', root, uri: pathToFileURL(root).href };
  }
  if (scheme === 'file') {
    let root: string;
    try {
      root = fileURLToPath(raw);
    } catch (cause) {
      throw invalid(input, 'a file:// URI needs an absolute path (file:///abs/path)', cause);
    }
    root = path.resolve(root);
    return { kind: 'file', root, uri: pathToFileURL(root).href };
  }
  if (scheme === 's3') {
    const rest = raw.slice('s3://'.length);
    if (/[?#]/.test(rest)) throw invalid(input, 'query strings and fragments are not allowed');
    const slash = rest.indexOf('/');
    const bucket = slash < 0 ? rest : rest.slice(0, slash);
    if (!BUCKET.test(bucket)) throw invalid(input, `'${bucket}' is not a valid bucket name`);
    const segments = (slash < 0 ? '' : rest.slice(slash + 1)).split('/').filter((s) => s !== '');
    if (segments.some((s) => s === '.' || s === '..')) throw invalid(input, "'.' and '..' are not allowed in the prefix");
    const prefix = segments.join('/');
    return { kind: 's3', bucket, prefix, uri: prefix === '' ? `s3://${bucket}` : `s3://${bucket}/${prefix}` };
  }
  throw invalid(input, `the scheme '${scheme}' is not supported; use a path, file:// or s3://`);
}

function invalid(input: string, why: string, cause?: unknown): RequestError {
  return new RequestError('invalid_uri', `invalid storage URI '${input}': ${why}`, { details: { uri: input }, cause });
}
