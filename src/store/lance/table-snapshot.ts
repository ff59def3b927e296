// TableSnapshot: a read-only handle on (table, native branch, version); what graph readers open.
import type { Table } from '@lancedb/lancedb';
import { TableReader } from './table-reader.js';

/**
 * A table opened at a fixed (branch, version). LanceDB itself refuses writes on such a handle; this
 * class exposes none. Readers never open data tables at HEAD (design §3).
 */
export class TableSnapshot extends TableReader {
  /** The version this snapshot reads. Version numbers repeat across branches: compare (branch, version). */
  readonly version: number;

  /** @internal Built by LanceConnection.openAt. */
  constructor(table: Table, name: string, branch: string | null, version: number) {
    super(table, name, branch);
    this.version = version;
  }
}
