// Opens the ObjectStore a storage URI names: a path or file:// URI, or s3://bucket/prefix.
import { createFileObjectStore } from './file.js';
import { createS3ObjectStore, type S3ObjectStoreOptions } from './s3.js';
import type { ObjectStore } from './types.js';
import { parseStorageUri } from './uri.js';

/**
 * Open the store for `uri` (see `parseStorageUri`); s3:// stores take their client settings from the AWS_* environment.
 * Throws `invalid_uri` for anything else.
 * @example
 * const store = openObjectStore('s3://graphs/team-a');
 */
export function openObjectStore(uri: string, options: S3ObjectStoreOptions = {}): ObjectStore {
  const location = parseStorageUri(uri);
  if (location.kind === 'file') return createFileObjectStore(location.root);
  return createS3ObjectStore(location, options);
}
