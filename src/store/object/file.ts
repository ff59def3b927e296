// file:// ObjectStore: every object is a chain of immutable numbered generations; writes are link(2) of a temp file.
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { nanoid } from 'nanoid';
import { StoreError } from '../../errors/index.js';
import { failpoint } from '../../util/failpoints.js';
import { validateKey, validatePrefix } from './keys.js';
import { listAllPages } from './paging.js';
import type { ConditionalPutResult, GetResult, ListOptions, ListPage, ObjectMeta, ObjectStore, VersionToken } from './types.js';

/*
 * Layout: object `a/b.json` lives in directory `<root>/a` as files `b.json~<generation>` (generation 1, 2, …; `~`
 * never appears in a key). A data generation holds one header byte (DATA) followed by the body; a deletion is an
 * empty generation (a tombstone). Readers take the highest generation. A write creates generation n + 1 by writing
 * and fsyncing `.tmp-<id>` in the same directory and then link(2)-ing it onto the generation name: link is atomic and
 * fails with EEXIST, so of all writers that read generation n exactly one creates n + 1. That makes create-if-absent
 * and compare-and-swap lock-free across processes; a crash leaves at most a `.tmp-*` file, never a torn object or a
 * stale lock. Generations older than the newest are removed after each write; the newest is always kept, so
 * generation numbers never restart (a stale token can never match a recreated object).
 */

const DATA = 0x01;
const GEN_SEP = '~';
const GEN_RE = /^(.+)~(\d{1,15})$/;
const TMP_PREFIX = '.tmp-';
const MAX_ATTEMPTS = 1000;
const DEFAULT_PAGE = 1000;

interface Latest {
  readonly gen: number;
  readonly tombstone: boolean;
  readonly size: number;
}

/** Options of `sweep`. */
export interface FileSweepOptions {
  /** Remove temp files and tombstones whose mtime is older than this many milliseconds. */
  readonly olderThanMs: number;
  /** Only under this folder prefix (for example `__recovery/`); default: the whole store. */
  readonly prefix?: string;
}

/** The file:// store plus its maintenance entry point. */
export interface FileObjectStore extends ObjectStore {
  /**
   * Remove leftovers: `.tmp-*` files of crashed writers and tombstone generations, both older than `olderThanMs`.
   * A tombstone must outlive any writer that could still hold a token for the deleted object, so pass a grace far
   * above the longest write (the lease TTL bounds it). Returns the number of files removed.
   */
  sweep(options: FileSweepOptions): Promise<number>;
}

/**
 * Open a file:// store rooted at an absolute directory (created on first write).
 * @example
 * const store = createFileObjectStore('/var/lib/graphs/g1');
 * const r = await store.putIfAbsent('__lease.json', new TextEncoder().encode('{}'));
 */
export function createFileObjectStore(root: string): FileObjectStore {
  if (!path.isAbsolute(root)) throw new StoreError('bad_request', `file store root must be absolute, got '${root}'`);
  return new FileObjectStoreImpl(path.resolve(root));
}

class FileObjectStoreImpl implements FileObjectStore {
  readonly uri: string;
  readonly #root: string;

  constructor(root: string) {
    this.#root = root;
    this.uri = pathToFileURL(root).href;
  }

  async get(key: string): Promise<GetResult | null> {
    validateKey(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const latest = await this.#latest(key);
      if (latest === null || latest.tombstone) return null;
      const bytes = await readIfExists(this.#genPath(key, latest.gen));
      if (bytes === null) continue; // superseded and collected between listing and reading
      return { body: new Uint8Array(bytes.buffer, bytes.byteOffset + 1, bytes.byteLength - 1), token: toToken(latest.gen) };
    }
    throw contention(key);
  }

  async head(key: string): Promise<ObjectMeta | null> {
    validateKey(key);
    const latest = await this.#latest(key);
    if (latest === null || latest.tombstone) return null;
    return { key, size: latest.size - 1, token: toToken(latest.gen) };
  }

  async put(key: string, body: Uint8Array): Promise<VersionToken> {
    validateKey(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const latest = await this.#latest(key);
      const next = (latest?.gen ?? 0) + 1;
      if (await this.#create(key, next, encodeData(body))) return toToken(next);
    }
    throw contention(key);
  }

  async putIfAbsent(key: string, body: Uint8Array): Promise<ConditionalPutResult> {
    validateKey(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const latest = await this.#latest(key);
      if (latest !== null && !latest.tombstone) return { ok: false, reason: 'exists' };
      const next = (latest?.gen ?? 0) + 1;
      if (await this.#create(key, next, encodeData(body))) return { ok: true, token: toToken(next) };
      // Lost the link race: re-read to learn whether the winner created the object or deleted it.
    }
    throw contention(key);
  }

  async putIfMatch(key: string, body: Uint8Array, token: VersionToken): Promise<ConditionalPutResult> {
    validateKey(key);
    const gen = parseToken(token);
    const size = gen === null ? null : await statSize(this.#genPath(key, gen));
    if (gen !== null && size !== null && size > 0) {
      // Generation `gen` exists and holds data: of all writers holding this token, the one that links gen + 1 wins.
      if (await this.#create(key, gen + 1, encodeData(body))) return { ok: true, token: toToken(gen + 1) };
    }
    const latest = await this.#latest(key);
    return { ok: false, reason: latest === null || latest.tombstone ? 'missing' : 'mismatch' };
  }

  async listPage(prefix: string, options: ListOptions = {}): Promise<ListPage> {
    validatePrefix(prefix);
    const limit = pageLimit(options.limit);
    const keys = (await this.#keysUnder(prefix)).filter((k) => options.cursor === undefined || k > options.cursor);
    const items: ObjectMeta[] = [];
    let index = 0;
    for (; index < keys.length && items.length < limit; index++) {
      const key = keys[index] as string;
      const meta = await this.head(key);
      if (meta !== null) items.push(meta);
    }
    const more = index < keys.length;
    const last = items.at(-1);
    return more && last !== undefined ? { items, nextCursor: last.key } : { items };
  }

  list(prefix: string): AsyncIterable<ObjectMeta> {
    return listAllPages((p, o) => this.listPage(p, o), prefix);
  }

  async delete(key: string): Promise<void> {
    validateKey(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const latest = await this.#latest(key);
      if (latest === null || latest.tombstone) return;
      if (await this.#create(key, latest.gen + 1, new Uint8Array(0))) return;
    }
    throw contention(key);
  }

  async deletePrefix(prefix: string): Promise<number> {
    validatePrefix(prefix);
    let deleted = 0;
    for (const key of await this.#keysUnder(prefix)) {
      const latest = await this.#latest(key);
      if (latest !== null && !latest.tombstone) deleted++;
      const { dir, base } = this.#split(key);
      for (const gen of await this.#generations(dir, base)) await unlinkIfExists(path.join(dir, `${base}${GEN_SEP}${gen}`));
    }
    await pruneEmptyDirs(this.#startDir(prefix), this.#root);
    return deleted;
  }

  async sweep(options: FileSweepOptions): Promise<number> {
    if (options.prefix !== undefined) validatePrefix(options.prefix);
    const cutoff = Date.now() - options.olderThanMs;
    let removed = 0;
    for await (const file of walk(options.prefix === undefined ? this.#root : this.#startDir(options.prefix))) {
      const name = path.basename(file);
      const st = await fs.stat(file).catch(() => null);
      if (st === null || st.mtimeMs >= cutoff) continue;
      if (name.startsWith(TMP_PREFIX) || (GEN_RE.test(name) && st.size === 0 && (await this.#isNewest(file)))) {
        if (await unlinkIfExists(file)) removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {}

  async #isNewest(file: string): Promise<boolean> {
    const m = GEN_RE.exec(path.basename(file));
    if (m === null) return false;
    const gens = await this.#generations(path.dirname(file), m[1] as string);
    return gens.at(-1) === Number(m[2]);
  }

  async #create(key: string, gen: number, bytes: Uint8Array): Promise<boolean> {
    const { dir } = this.#split(key);
    await fs.mkdir(dir, { recursive: true });
    const tmp = path.join(dir, `${TMP_PREFIX}${nanoid(12)}`);
    const handle = await fs.open(tmp, fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_WRONLY, 0o644);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await failpoint('object.file.after-temp-write');
      try {
        await fs.link(tmp, this.#genPath(key, gen));
      } catch (err) {
        if (isCode(err, 'EEXIST')) return false;
        throw new StoreError('io', `cannot write object '${key}' under ${this.#root}: ${(err as Error).message}`, { cause: err });
      }
      await failpoint('object.file.after-link');
    } finally {
      await unlinkIfExists(tmp);
    }
    await fsyncDir(dir);
    await this.#collect(key, gen);
    return true;
  }

  /** Remove generations older than `newest` (best effort; readers retry when one vanishes). */
  async #collect(key: string, newest: number): Promise<void> {
    const { dir, base } = this.#split(key);
    for (const gen of await this.#generations(dir, base)) {
      if (gen < newest) await unlinkIfExists(path.join(dir, `${base}${GEN_SEP}${gen}`));
    }
  }

  async #latest(key: string): Promise<Latest | null> {
    const { dir, base } = this.#split(key);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const gen = (await this.#generations(dir, base)).at(-1);
      if (gen === undefined) return null;
      const size = await statSize(path.join(dir, `${base}${GEN_SEP}${gen}`));
      if (size === null) continue;
      return { gen, tombstone: size === 0, size };
    }
    throw contention(key);
  }

  async #generations(dir: string, base: string): Promise<number[]> {
    const names = await readdirIfExists(dir);
    const gens: number[] = [];
    for (const name of names) {
      const m = GEN_RE.exec(name);
      if (m !== null && m[1] === base) gens.push(Number(m[2]));
    }
    return gens.sort((a, b) => a - b);
  }

  /** Every key (live or tombstoned) whose name starts with `prefix`, ascending. */
  async #keysUnder(prefix: string): Promise<string[]> {
    const keys = new Set<string>();
    for await (const file of walk(this.#startDir(prefix))) {
      const m = GEN_RE.exec(path.basename(file));
      if (m === null) continue;
      const rel = path.relative(this.#root, path.join(path.dirname(file), m[1] as string)).split(path.sep).join('/');
      if (rel.startsWith(prefix)) keys.add(rel);
    }
    return [...keys].sort();
  }

  #startDir(prefix: string): string {
    const cut = prefix.lastIndexOf('/');
    return cut < 0 ? this.#root : path.join(this.#root, ...prefix.slice(0, cut).split('/'));
  }

  #split(key: string): { dir: string; base: string } {
    const parts = key.split('/');
    const base = parts.pop() as string;
    return { dir: path.join(this.#root, ...parts), base };
  }

  #genPath(key: string, gen: number): string {
    const { dir, base } = this.#split(key);
    return path.join(dir, `${base}${GEN_SEP}${gen}`);
  }
}

function encodeData(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.byteLength + 1);
  out[0] = DATA;
  out.set(body, 1);
  return out;
}

function toToken(gen: number): VersionToken {
  return `g${gen}` as VersionToken;
}

function parseToken(token: string): number | null {
  const m = /^g(\d{1,15})$/.exec(token);
  return m === null ? null : Number(m[1]);
}

function pageLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > DEFAULT_PAGE) {
    throw new StoreError('bad_request', `list limit must be an integer in 1..${DEFAULT_PAGE}, got ${limit}`);
  }
  return limit;
}

function contention(key: string): StoreError {
  return new StoreError('storage', `object '${key}' changed ${MAX_ATTEMPTS} times while being read or written; retry later`, {
    details: { key },
  });
}

function isCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code;
}

async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(file);
  } catch (err) {
    if (isCode(err, 'ENOENT')) return null;
    throw new StoreError('io', `cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function statSize(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).size;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return null;
    throw new StoreError('io', `cannot stat ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function readdirIfExists(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return [];
    throw new StoreError('io', `cannot list ${dir}: ${(err as Error).message}`, { cause: err });
  }
}

async function unlinkIfExists(file: string): Promise<boolean> {
  try {
    await fs.unlink(file);
    return true;
  } catch (err) {
    if (isCode(err, 'ENOENT')) return false;
    throw new StoreError('io', `cannot remove ${file}: ${(err as Error).message}`, { cause: err });
  }
}

async function fsyncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function* walk(dir: string): AsyncGenerator<string> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return;
    throw new StoreError('io', `cannot list ${dir}: ${(err as Error).message}`, { cause: err });
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

async function pruneEmptyDirs(dir: string, root: string): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  if (entries === null) return;
  for (const entry of entries) if (entry.isDirectory()) await pruneEmptyDirs(path.join(dir, entry.name), root);
  if (dir !== root && (await fs.readdir(dir).catch(() => ['x'])).length === 0) await fs.rmdir(dir).catch(() => undefined);
}
