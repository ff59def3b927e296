// Facts about a storage location as a whole: does it exist, is it empty (used by init and read-only open).
import { promises as fs } from 'node:fs';
import { StoreError } from '../../errors/index.js';
import { createS3ObjectStore } from './s3.js';
import type { StorageLocation } from './uri.js';

/**
 * True when nothing at all is stored at the location: no file or folder under a local root (a missing root counts
 * as empty), no object under an s3:// prefix.
 */
export async function locationIsEmpty(location: StorageLocation): Promise<boolean> {
  if (location.kind === 'file') {
    try {
      return (await fs.readdir(location.root)).length === 0;
    } catch (err) {
      if ((err as { code?: string }).code === 'ENOENT') return true;
      if ((err as { code?: string }).code === 'ENOTDIR') return false;
      throw new StoreError('io', `cannot list ${location.root}: ${(err as Error).message}`, { cause: err });
    }
  }
  const store = createS3ObjectStore(location);
  try {
    return (await store.listPage('', { limit: 1 })).items.length === 0;
  } finally {
    await store.close();
  }
}

/** True when a local root exists as a directory; always true for s3:// (prefixes need no creation). */
export async function locationExists(location: StorageLocation): Promise<boolean> {
  if (location.kind !== 'file') return true;
  try {
    return (await fs.stat(location.root)).isDirectory();
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return false;
    throw new StoreError('io', `cannot stat ${location.root}: ${(err as Error).message}`, { cause: err });
  }
}
