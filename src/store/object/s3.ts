// s3:// ObjectStore on @aws-sdk/client-s3: If-None-Match create-only writes, If-Match compare-and-swap, ETag tokens.
import {
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { OmniError, RequestError, StoreError } from '../../errors/index.js';
import { failpoint } from '../../util/failpoints.js';
import { validateKey, validatePrefix } from './keys.js';
import { listAllPages } from './paging.js';
import type { ConditionalPutResult, GetResult, ListOptions, ListPage, ObjectMeta, ObjectStore, VersionToken } from './types.js';

/** Where an s3:// store lives: the bucket, the key prefix of its root (no slashes at either end) and its URI. */
export interface S3Location {
  readonly bucket: string;
  readonly prefix: string;
  readonly uri: string;
}

/** Options of `createS3ObjectStore`. */
export interface S3ObjectStoreOptions {
  /** Use this client instead of one configured from the environment. The store does not destroy it on `close`. */
  readonly client?: S3Client;
}

const MAX_PAGE = 1000;

/**
 * The SDK client configuration the standard AWS environment describes. Credentials and region come from the
 * SDK's default chain (`AWS_ACCESS_KEY_ID`, `AWS_REGION`, profiles, ...; `AWS_DEFAULT_REGION` is honoured too). The
 * endpoint is `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`, else `AWS_ENDPOINT` (the name Lance reads). Path-style
 * addressing follows `AWS_S3_FORCE_PATH_STYLE`, else `AWS_VIRTUAL_HOSTED_STYLE_REQUEST`, else is on exactly when an
 * endpoint is set.
 */
export function s3ClientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): S3ClientConfig {
  const config: S3ClientConfig = {};
  const region = nonEmpty(env['AWS_REGION']) ?? nonEmpty(env['AWS_DEFAULT_REGION']);
  if (region !== undefined) config.region = region;
  const endpoint = nonEmpty(env['AWS_ENDPOINT_URL_S3']) ?? nonEmpty(env['AWS_ENDPOINT_URL']) ?? nonEmpty(env['AWS_ENDPOINT']);
  if (endpoint !== undefined) config.endpoint = endpoint;
  const forcePathStyle = flag(env['AWS_S3_FORCE_PATH_STYLE']);
  const virtualHosted = flag(env['AWS_VIRTUAL_HOSTED_STYLE_REQUEST']);
  config.forcePathStyle = forcePathStyle ?? (virtualHosted === undefined ? endpoint !== undefined : !virtualHosted);
  return config;
}

/**
 * Open an s3:// store. Object `k` lives at `<prefix>/k` in `bucket`. Tokens are ETags exactly as S3 returns them.
 * @example
 * const store = createS3ObjectStore(parseStorageUri('s3://graphs/team-a') as S3Location);
 * const r = await store.putIfAbsent('__lease.json', new TextEncoder().encode('{}'));
 */
export function createS3ObjectStore(location: S3Location, options: S3ObjectStoreOptions = {}): ObjectStore {
  const owned = options.client === undefined;
  const client = options.client ?? new S3Client(s3ClientConfigFromEnv());
  return new S3ObjectStore(location, client, owned);
}

class S3ObjectStore implements ObjectStore {
  readonly uri: string;
  readonly #bucket: string;
  /** The root prefix with its trailing `/` (`''` for a bucket root). */
  readonly #root: string;
  readonly #client: S3Client;
  readonly #owned: boolean;

  constructor(location: S3Location, client: S3Client, owned: boolean) {
    this.uri = location.uri;
    this.#bucket = location.bucket;
    const trimmed = location.prefix.replace(/^\/+|\/+$/g, '');
    this.#root = trimmed === '' ? '' : `${trimmed}/`;
    this.#client = client;
    this.#owned = owned;
  }

  async get(key: string): Promise<GetResult | null> {
    validateKey(key);
    try {
      const out = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#root + key }));
      const body = out.Body === undefined ? new Uint8Array() : await out.Body.transformToByteArray();
      return { body, token: token(out.ETag, 'GetObject', key) };
    } catch (err) {
      if (s3Name(err) === 'NoSuchKey') return null;
      throw this.#storeError(err, 'GetObject', key);
    }
  }

  async head(key: string): Promise<ObjectMeta | null> {
    validateKey(key);
    try {
      const out = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#root + key }));
      return { key, size: out.ContentLength ?? 0, token: token(out.ETag, 'HeadObject', key) };
    } catch (err) {
      // HEAD answers carry no body, so a 404 cannot name its cause; a missing bucket shows up on writes.
      if (s3Status(err) === 404) return null;
      throw this.#storeError(err, 'HeadObject', key);
    }
  }

  async put(key: string, body: Uint8Array): Promise<VersionToken> {
    validateKey(key);
    await failpoint('object.s3.before-put');
    try {
      const out = await this.#client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: this.#root + key, Body: body }));
      return token(out.ETag, 'PutObject', key);
    } catch (err) {
      throw this.#storeError(err, 'PutObject', key);
    }
  }

  async putIfAbsent(key: string, body: Uint8Array): Promise<ConditionalPutResult> {
    validateKey(key);
    await failpoint('object.s3.before-put');
    try {
      const out = await this.#client.send(
        new PutObjectCommand({ Bucket: this.#bucket, Key: this.#root + key, Body: body, IfNoneMatch: '*' }),
      );
      return { ok: true, token: token(out.ETag, 'PutObject', key) };
    } catch (err) {
      // 409 ConditionalRequestConflict: a concurrent conditional write won; same meaning as 412.
      const status = s3Status(err);
      if (status === 412 || status === 409) return { ok: false, reason: 'exists' };
      throw this.#storeError(err, 'PutObject', key);
    }
  }

  async putIfMatch(key: string, body: Uint8Array, expected: VersionToken): Promise<ConditionalPutResult> {
    validateKey(key);
    await failpoint('object.s3.before-put');
    try {
      const out = await this.#client.send(
        new PutObjectCommand({ Bucket: this.#bucket, Key: this.#root + key, Body: body, IfMatch: expected }),
      );
      return { ok: true, token: token(out.ETag, 'PutObject', key) };
    } catch (err) {
      const status = s3Status(err);
      if (status === 412 || status === 409) return { ok: false, reason: 'mismatch' };
      if (s3Name(err) === 'NoSuchKey') return { ok: false, reason: 'missing' };
      throw this.#storeError(err, 'PutObject', key);
    }
  }

  async listPage(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    validatePrefix(prefix);
    const limit = options.limit ?? MAX_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
      throw new RequestError('bad_request', `list limit must be an integer in 1..${MAX_PAGE}, got ${limit}`, { details: { limit } });
    }
    let out;
    try {
      out = await this.#client.send(
        new ListObjectsV2Command({
          Bucket: this.#bucket,
          Prefix: this.#root + prefix,
          MaxKeys: limit,
          ...(options.cursor === undefined ? {} : { ContinuationToken: options.cursor }),
        }),
      );
    } catch (err) {
      throw this.#storeError(err, 'ListObjectsV2', prefix);
    }
    const items: ObjectMeta[] = [];
    for (const obj of out.Contents ?? []) {
      if (obj.Key === undefined || !obj.Key.startsWith(this.#root)) continue;
      items.push({ key: obj.Key.slice(this.#root.length), size: obj.Size ?? 0, token: token(obj.ETag, 'ListObjectsV2', obj.Key) });
    }
    const next = out.IsTruncated === true ? out.NextContinuationToken : undefined;
    return next === undefined || next === '' ? { items } : { items, nextCursor: next };
  }

  list(prefix: string): AsyncIterable<ObjectMeta> {
    return listAllPages((p, o) => this.listPage(p, o), prefix);
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    try {
      await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#root + key }));
    } catch (err) {
      if (s3Name(err) === 'NoSuchKey') return;
      throw this.#storeError(err, 'DeleteObject', key);
    }
  }

  async deletePrefix(prefix: string): Promise<number> {
    validatePrefix(prefix);
    let deleted = 0;
    let cursor: string | undefined;
    do {
      const page: ListPage = await this.listPage(prefix, cursor === undefined ? {} : { cursor });
      if (page.items.length > 0) {
        let out;
        try {
          out = await this.#client.send(
            new DeleteObjectsCommand({
              Bucket: this.#bucket,
              Delete: { Objects: page.items.map((item) => ({ Key: this.#root + item.key })), Quiet: true },
            }),
          );
        } catch (err) {
          throw this.#storeError(err, 'DeleteObjects', prefix);
        }
        const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
        if (failed.length > 0) {
          const first = failed[0];
          throw new StoreError(
            'storage',
            `s3 DeleteObjects under '${this.uri}/${prefix}' failed for ${failed.length} key(s), first '${first?.Key}': ${first?.Code}: ${first?.Message}`,
            { details: { operation: 'DeleteObjects', uri: this.uri, prefix, s3Error: first?.Code, failed: failed.length, deleted } },
          );
        }
        deleted += page.items.length;
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return deleted;
  }

  async close(): Promise<void> {
    if (this.#owned) this.#client.destroy();
  }

  #storeError(err: unknown, operation: string, key: string): OmniError {
    if (err instanceof OmniError) return err;
    const name = s3Name(err) ?? 'UnknownError';
    const message = err instanceof Error ? err.message : String(err);
    const status = s3Status(err);
    return new StoreError('storage', `s3 ${operation} of '${this.uri}/${key}' failed: ${name}: ${message}`, {
      details: { operation, uri: this.uri, key, s3Error: name, ...(status === undefined ? {} : { status }) },
      cause: err,
    });
  }
}

/** The S3 error code (`NoSuchKey`, `PreconditionFailed`, ...) or, for network failures, the Node error code/name. */
function s3Name(err: unknown): string | undefined {
  if (err instanceof S3ServiceException) return err.name;
  if (err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : err.name;
  }
  return undefined;
}

function s3Status(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function token(etag: string | undefined, operation: string, key: string): VersionToken {
  if (etag === undefined || etag === '') {
    throw new StoreError('storage', `s3 ${operation} of '${key}' returned no ETag`, { details: { operation, key, s3Error: 'MissingETag' } });
  }
  return etag as VersionToken;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function flag(value: string | undefined): boolean | undefined {
  const v = nonEmpty(value)?.toLowerCase();
  if (v === undefined) return undefined;
  return v === 'true' || v === '1' || v === 'yes';
}
