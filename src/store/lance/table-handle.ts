// TableHandle: a writable handle at the head of main or a native branch; every write returns its version.
import { Index, type Table } from '@lancedb/lancedb';
import type { ArrowTable } from './arrow.js';
import { createBranch, deleteBranch } from './branches.js';
import { lanceCall } from './classify.js';
import { runMergeInsert, type MergeInsertSpec, type MergeWriteResult } from './merge-insert.js';
import { runOptimize, type OptimizeOptions, type OptimizeResult } from './optimize.js';
import { TableReader } from './table-reader.js';

/** The outcome of a write: the version it committed. */
export interface WriteResult {
  readonly version: number;
}

/** The outcome of a delete. */
export interface DeleteWriteResult extends WriteResult {
  readonly numDeletedRows: number;
}

/**
 * A handle tracking the head of one native branch (`null` = main). Each write is one LanceDB commit
 * and returns the version it made. Whether reads see other writers' commits depends on the
 * connection's `readConsistencyInterval`; {@link TableHandle.refresh} moves to the latest head.
 */
export class TableHandle extends TableReader {
  /** @internal Built by LanceConnection. */
  constructor(table: Table, name: string, branch: string | null) {
    super(table, name, branch);
  }

  /** The head version this handle currently sees. */
  async version(): Promise<number> {
    return lanceCall(() => this.native.version(), this.context('version'));
  }

  /** Move to the latest head of the branch and return its version. */
  async refresh(): Promise<number> {
    await lanceCall(() => this.native.checkoutLatest(), this.context('refresh'));
    return this.version();
  }

  /**
   * Append rows (one commit).
   * @example
   * const { version } = await head.append(rowsToArrow(schema, [{ id: 'n1' }]));
   */
  async append(rows: ArrowTable): Promise<WriteResult> {
    const r = await lanceCall(() => this.native.add(rows as never, { mode: 'append' }), this.context('append'));
    return { version: r.version };
  }

  /** Replace the table's content with `rows` (one commit; history is kept). */
  async overwrite(rows: ArrowTable): Promise<WriteResult> {
    const r = await lanceCall(() => this.native.add(rows as never, { mode: 'overwrite' }), this.context('overwrite'));
    return { version: r.version };
  }

  /**
   * Merge full rows on a key: upsert, insert-if-absent, conditional update (the poison CAS), delete
   * by source. See {@link MergeInsertSpec}; the result carries LanceDB's row counts.
   */
  async mergeInsert(rows: ArrowTable, spec: MergeInsertSpec): Promise<MergeWriteResult> {
    return runMergeInsert(this.native, rows, spec, this.context('mergeInsert'));
  }

  /**
   * Delete the rows matching a Lance SQL predicate (one commit, even when nothing matches).
   * @example
   * await head.deleteWhere("id IN ('a', 'b')");
   */
  async deleteWhere(filter: string): Promise<DeleteWriteResult> {
    const r = await lanceCall(() => this.native.delete(filter), this.context('delete'));
    return { version: r.version, numDeletedRows: r.numDeletedRows };
  }

  /**
   * Make a new head version whose content equals `version` of this branch (checkout + restore);
   * history is kept. Recovery's roll-back step (design §4.4).
   */
  async restore(version: number): Promise<WriteResult> {
    const context = this.context('restore', { version });
    await lanceCall(() => this.native.checkout(version), context);
    try {
      await lanceCall(() => this.native.restore(), context);
    } catch (err) {
      // A failed restore leaves the handle checked out (read-only); put it back on the head.
      await this.native.checkoutLatest().catch(() => undefined);
      throw err;
    }
    return { version: await this.version() };
  }

  /**
   * Fork a native branch from this handle's branch at `options.version` (default: latest) and return
   * a writable handle on it. Its first version reports the fork version; its first commit is that + 1.
   * `conflict` when the name exists.
   * @example
   * const fork = await head.createBranch('f-01HZX3Q4R5S6T7V8W9XAYBZC0D', { version: 4 });
   */
  async createBranch(name: string, options: { readonly version?: number } = {}): Promise<TableHandle> {
    const table = await createBranch(this.native, name, this.branch, options.version, this.context('createBranch'));
    return new TableHandle(table, this.name, name);
  }

  /** Delete native branch `name` of this table (`conflict` while branches forked from it exist). */
  async deleteBranch(name: string): Promise<void> {
    await deleteBranch(this.native, name, this.context('deleteBranch'));
  }

  /**
   * Build (or rebuild) a btree scalar index on `column` (one commit). Rows written later stay unindexed until the
   * next `optimize` of this branch.
   * @example
   * await head.createScalarIndex('id');
   */
  async createScalarIndex(column: string): Promise<WriteResult> {
    const context = this.context(`createScalarIndex(${column})`);
    await lanceCall(() => this.native.createIndex(column, { config: Index.btree(), replace: true }), context);
    return { version: await this.version() };
  }

  /**
   * Drop index `name` (one commit). Used on a fork of a fork: LanceDB resolves an inherited index in the parent
   * branch's directory only, so an index inherited twice breaks every read of the fork (guard-tested).
   */
  async dropIndex(name: string): Promise<WriteResult> {
    await lanceCall(() => this.native.dropIndex(name), this.context(`dropIndex(${name})`));
    return { version: await this.version() };
  }

  /**
   * Compact, catch indexes up and prune old versions of this branch. The only way this layer runs
   * LanceDB's optimize: the cleanup cutoff is required (`bad_request` without one).
   * @example
   * await head.optimize({ cleanupOlderThan: oldestPinnedVersionTime });
   */
  async optimize(options: OptimizeOptions): Promise<OptimizeResult> {
    return runOptimize(this.native, options, this.context('optimize'));
  }
}
