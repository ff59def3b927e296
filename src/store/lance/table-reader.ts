// TableReader: the read side shared by snapshots (fixed version) and head handles (writable).
import type { Table } from '@lancedb/lancedb';
import type { ArrowTable, Schema } from './arrow.js';
import { listBranches, type BranchInfo } from './branches.js';
import { lanceCall, type LanceErrorContext } from './classify.js';
import { ROW_CREATED_AT_VERSION, ROW_LAST_UPDATED_AT_VERSION, fieldNames } from './schema.js';

/** Options of {@link TableReader.scan}. */
export interface ScanOptions {
  /** A Lance SQL predicate; all rows when absent. */
  readonly filter?: string;
  /** Columns to return, in order; every table column when absent. */
  readonly columns?: readonly string[];
  /** Add `_row_created_at_version` and `_row_last_updated_at_version` after the columns. */
  readonly withRowVersions?: boolean;
  /** Add the stable row id column `_rowid` (stable across updates and compaction on tables this layer creates). */
  readonly withRowId?: boolean;
  readonly limit?: number;
}

/** The row-version columns of one row, keyed by its primary-key value. */
export interface RowVersion {
  readonly key: unknown;
  /** The table version that inserted the row. */
  readonly createdAt: number;
  /** The table version that last wrote the row (insert or update). */
  readonly updatedAt: number;
}

/** One entry of a table's (branch's) version history. */
export interface TableVersionInfo {
  readonly version: number;
  readonly timestamp: Date;
  /** LanceDB's summary: total_rows, total_fragments, total_files_size, … (strings). */
  readonly metadata: Readonly<Record<string, string>>;
}

/**
 * Reads on one LanceDB table handle, on one native branch (`null` = main). Subclasses fix what the
 * handle sees: a {@link TableSnapshot} one version, a {@link TableHandle} the branch head.
 */
export abstract class TableReader {
  /** The table's name at the connection root. */
  readonly name: string;
  /** The native branch, `null` for main. */
  readonly branch: string | null;
  #table: Table;

  /** @internal Built by LanceConnection. */
  protected constructor(table: Table, name: string, branch: string | null) {
    this.#table = table;
    this.name = name;
    this.branch = branch;
  }

  /** @internal The LanceDB table, for subclasses in this layer. */
  protected get native(): Table {
    return this.#table;
  }

  /** @internal Error context naming this handle and an operation. */
  protected context(operation: string, extra: Partial<LanceErrorContext> = {}): LanceErrorContext {
    return { operation, table: this.name, branch: this.branch, ...extra };
  }

  /** The Arrow schema (from the CommonJS Arrow of ./arrow.ts), including field metadata. */
  async schema(): Promise<Schema> {
    return (await lanceCall(() => this.#table.schema(), this.context('schema'))) as unknown as Schema;
  }

  /**
   * Number of rows, optionally those matching a Lance SQL `filter`.
   * @example
   * await snap.countRows("id = 'n1'");
   */
  async countRows(filter?: string): Promise<number> {
    return lanceCall(() => this.#table.countRows(filter), this.context('countRows'));
  }

  /**
   * Rows as one Arrow table.
   * @example
   * const t = await snap.scan({ filter: "p3 > 10", columns: ['id', 'p3'] });
   */
  async scan(options: ScanOptions = {}): Promise<ArrowTable> {
    const context = this.context('scan');
    const columns = options.withRowVersions
      ? [...(options.columns ?? fieldNames(await this.schema())), ROW_CREATED_AT_VERSION, ROW_LAST_UPDATED_AT_VERSION]
      : options.columns;
    return lanceCall(async () => {
      let query = this.#table.query();
      if (options.withRowId === true) query = query.withRowId();
      if (options.filter !== undefined) query = query.where(options.filter);
      if (columns !== undefined) query = query.select([...columns]);
      if (options.limit !== undefined) query = query.limit(options.limit);
      return (await query.toArrow()) as unknown as ArrowTable;
    }, context);
  }

  /**
   * The rows with these stable row ids (absent ones are omitted), with `columns` (all when absent) and `_rowid`. Row
   * ids are stable per lineage but allocated independently on each native branch: a caller matching rows across
   * branches must check the key it expects.
   * @example
   * const t = await snap.takeRowIds([1n, 4n], ['id', 'p3']);
   */
  async takeRowIds(rowIds: readonly bigint[], columns?: readonly string[]): Promise<ArrowTable> {
    return lanceCall(async () => {
      let query = this.#table.takeRowIds([...rowIds]).withRowId();
      if (columns !== undefined) query = query.select([...columns]);
      return (await query.toArrow()) as unknown as ArrowTable;
    }, this.context('takeRowIds'));
  }

  /**
   * The row-version columns of the rows matching `filter` (all rows when absent), with each row's
   * `key` column. They are only meaningful on tables with stable row ids, which every table this
   * layer creates has (without them LanceDB reports 1 for every row).
   * @example
   * await head.rowVersions({ key: 'id', filter: '_row_last_updated_at_version > 4' });
   */
  async rowVersions(options: { readonly key: string; readonly filter?: string }): Promise<RowVersion[]> {
    const table = await this.scan({ columns: [options.key, ROW_CREATED_AT_VERSION, ROW_LAST_UPDATED_AT_VERSION], ...(options.filter === undefined ? {} : { filter: options.filter }) });
    const keys = table.getChild(options.key);
    const created = table.getChild(ROW_CREATED_AT_VERSION);
    const updated = table.getChild(ROW_LAST_UPDATED_AT_VERSION);
    const out: RowVersion[] = [];
    for (let i = 0; i < table.numRows; i++) {
      out.push({ key: keys?.get(i), createdAt: Number(created?.get(i)), updatedAt: Number(updated?.get(i)) });
    }
    return out;
  }

  /** The version history of this handle's branch, oldest first. */
  async listVersions(): Promise<TableVersionInfo[]> {
    const versions = await lanceCall(() => this.#table.listVersions(), this.context('listVersions'));
    return versions.map((v) => ({ version: v.version, timestamp: v.timestamp, metadata: v.metadata }));
  }

  /** The indexes this handle's version carries (its own or inherited from the branch it was forked from). */
  async indexes(): Promise<{ readonly name: string; readonly columns: readonly string[] }[]> {
    const indices = await lanceCall(() => this.#table.listIndices(), this.context('listIndices'));
    return indices.map((i) => ({ name: i.name, columns: [...i.columns] }));
  }

  /** Names of the columns that carry an index at this handle's version. */
  async indexedColumns(): Promise<string[]> {
    return [...new Set((await this.indexes()).flatMap((i) => i.columns))].sort();
  }

  /** Every native branch of this table, by name (main is not listed); the same from any handle of the table. */
  async listBranches(): Promise<ReadonlyMap<string, BranchInfo>> {
    return listBranches(this.#table, this.context('listBranches'));
  }

  /** Release the native handle. Further calls on this handle fail. */
  close(): void {
    this.#table.close();
  }
}
