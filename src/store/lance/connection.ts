// LanceConnection: connect to a file or s3:// root, create tables with their key, open heads and snapshots.
import { connect, type Connection } from '@lancedb/lancedb';
import { RequestError } from '../../errors/index.js';
import { parseStorageUri, type StorageLocation } from '../object/uri.js';
import type { ArrowTable, Schema } from './arrow.js';
import { lanceCall } from './classify.js';
import { assertBranchName, assertTableName } from './names.js';
import { rowsWithSchema, withPrimaryKey } from './schema.js';
import { lanceStorageOptions } from './storage-options.js';
import { TableHandle } from './table-handle.js';
import { TableSnapshot } from './table-snapshot.js';

/** Options of {@link connectLance}. */
export interface ConnectOptions {
  /**
   * Seconds between checks for other writers' commits on reads; `0` checks on every read (manifest
   * handles). Absent: LanceDB's default, never — a handle stays at the version it last saw.
   */
  readonly readConsistencyInterval?: number;
}

/** Options of {@link LanceConnection.createTable}. */
export interface CreateTableOptions {
  readonly schema: Schema;
  /** The non-null key column, declared as LanceDB's primary key in the field metadata. */
  readonly primaryKey: string;
  /** Initial rows, committed in the create (version 1). */
  readonly rows?: ArrowTable;
}

/** A version of a table on a native branch (`null` = main). Version numbers repeat across branches. */
export interface TableRef {
  readonly branch: string | null;
  readonly version: number;
}

/**
 * Connect to a storage root: a plain path, `file://` URI or `s3://bucket/prefix` (S3 settings from the
 * `AWS_*` environment). Every table created through the connection gets stable row ids. Connecting
 * writes nothing under the root (guard-tested).
 * @example
 * const conn = await connectLance('s3://graphs/g1', { readConsistencyInterval: 0 });
 */
export async function connectLance(uri: string, options: ConnectOptions = {}): Promise<LanceConnection> {
  const location = parseStorageUri(uri);
  const rci = options.readConsistencyInterval;
  if (rci !== undefined && !(Number.isFinite(rci) && rci >= 0)) {
    throw new RequestError('bad_request', `readConsistencyInterval must be a finite number of seconds >= 0, got ${rci}`);
  }
  const target = location.kind === 'file' ? location.root : location.uri;
  const db = await lanceCall(
    () => connect(target, { storageOptions: lanceStorageOptions(location, process.env), ...(rci === undefined ? {} : { readConsistencyInterval: rci }) }),
    { operation: 'connect' },
  );
  return new LanceConnection(db, location, rci);
}

/** One LanceDB connection at a root. Table names are flat (see `assertTableName`). */
export class LanceConnection {
  /** Where the connection points. */
  readonly location: StorageLocation;
  /** The read-consistency interval in seconds, `undefined` for LanceDB's default (never). */
  readonly readConsistencyInterval: number | undefined;
  #db: Connection;

  /** @internal Use {@link connectLance}. */
  constructor(db: Connection, location: StorageLocation, readConsistencyInterval: number | undefined) {
    this.#db = db;
    this.location = location;
    this.readConsistencyInterval = readConsistencyInterval;
  }

  /** Names of the tables at the root, in lexicographic order. */
  async tableNames(): Promise<string[]> {
    const names: string[] = [];
    let pageToken: string | undefined;
    do {
      const page = await lanceCall(() => this.#db.listTables(pageToken === undefined ? {} : { pageToken }), { operation: 'tableNames' });
      names.push(...page.tables);
      pageToken = page.pageToken ?? undefined;
    } while (pageToken !== undefined && pageToken !== '');
    return names;
  }

  /**
   * Create a table with its primary key declared in the field metadata (never a later
   * `setUnenforcedPrimaryKey`) and stable row ids; returns the writable main handle at version 1.
   * `conflict` when it exists, `bad_request` for a bad name or key column.
   * @example
   * const t = await conn.createTable('node_7_1', { schema, primaryKey: 'id' });
   */
  async createTable(name: string, options: CreateTableOptions): Promise<TableHandle> {
    assertTableName(name);
    const schema = withPrimaryKey(options.schema, options.primaryKey);
    const context = { operation: 'createTable', table: name };
    const rows = options.rows === undefined ? undefined : rowsWithSchema(options.rows, schema);
    const table = await lanceCall(
      () =>
        rows === undefined
          ? this.#db.createEmptyTable(name, schema as never, { mode: 'create' })
          : this.#db.createTable(name, rows as never, { mode: 'create' }),
      context,
    );
    return new TableHandle(table, name, null);
  }

  /**
   * Open the head of `branch` (`null` = main) writable. `not_found` when the table or branch is missing.
   * @example
   * const fork = await conn.openHead('node_7_1', 'f-01HZX3Q4R5S6T7V8W9XAYBZC0D');
   */
  async openHead(name: string, branch: string | null = null): Promise<TableHandle> {
    assertTableName(name);
    if (branch !== null) assertBranchName(branch);
    const table = await lanceCall(
      () => this.#db.openTable(name, undefined, branch === null ? {} : { branch }),
      { operation: 'openHead', table: name, branch },
    );
    return new TableHandle(table, name, branch);
  }

  /**
   * Open `ref` read-only. `not_found` when the table, branch or version is missing (or was pruned).
   * @example
   * const snap = await conn.openAt('node_7_1', { branch: null, version: 12 });
   */
  async openAt(name: string, ref: TableRef): Promise<TableSnapshot> {
    assertTableName(name);
    if (ref.branch !== null) assertBranchName(ref.branch);
    if (!Number.isSafeInteger(ref.version) || ref.version < 1) {
      throw new RequestError('bad_request', `table version must be a positive integer, got ${ref.version}`, { details: { table: name } });
    }
    const context = { operation: 'openAt', table: name, branch: ref.branch, version: ref.version };
    const table = await lanceCall(
      () => this.#db.openTable(name, undefined, ref.branch === null ? { version: ref.version } : { branch: ref.branch, version: ref.version }),
      context,
    );
    return new TableSnapshot(table, name, ref.branch, ref.version);
  }

  /** Close the connection; tables already opened keep working. Safe to call twice. */
  close(): void {
    this.#db.close();
  }
}
