// The storage backends the LanceDB layer and guard suites run on, and raw listings of what lies under a root.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { parseStorageUri } from '../../src/store/object/uri.js';
import { rawS3Client, s3TestUri } from './s3.js';
import { tempDir } from './temp.js';

/** A backend: its name and a factory of fresh, empty roots. */
export interface LanceBackend {
  readonly name: 'file' | 's3';
  /** A fresh empty root (a temp dir, or a unique s3:// prefix on the test server). */
  readonly root: (label: string) => string;
}

/** Local disk. */
export const FILE_BACKEND: LanceBackend = { name: 'file', root: (label) => tempDir(label) };
/** The S3 test server started by global-setup.ts. */
export const S3_BACKEND: LanceBackend = { name: 's3', root: (label) => s3TestUri(label) };
/** Both, for `describe.each`. */
export const LANCE_BACKENDS: readonly LanceBackend[] = [FILE_BACKEND, S3_BACKEND];

/** One stored object: its key relative to the root, size, and a change marker (mtime+inode, or ETag). */
export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly marker: string;
}

/** Every object under a root, sorted by key: files on disk, or the objects under an s3:// prefix. */
export async function listStored(root: string): Promise<StoredObject[]> {
  const location = parseStorageUri(root);
  if (location.kind === 'file') {
    const out: StoredObject[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else {
          const st = statSync(full);
          out.push({ key: path.relative(location.root, full), size: st.size, marker: `${st.mtimeMs}:${st.ino}` });
        }
      }
    };
    walk(location.root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  const client = rawS3Client();
  try {
    const out: StoredObject[] = [];
    const prefix = location.prefix === '' ? '' : `${location.prefix}/`;
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const o of page.Contents ?? []) out.push({ key: (o.Key ?? '').slice(prefix.length), size: o.Size ?? 0, marker: `${o.ETag ?? ''}@${o.LastModified?.toISOString() ?? ''}` });
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  } finally {
    client.destroy();
  }
}
