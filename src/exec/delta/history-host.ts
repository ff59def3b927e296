// What merge, diff and the change feed read from an open graph: branch states now and at a version, and snapshots.
import type { Catalog } from '../../compiler/index.js';
import type { GraphSnapshot, ManifestState } from '../../manifest/index.js';

/** The engine's history reads, shared by the merge and change hosts. */
export interface HistoryHost {
  readonly catalog: Catalog;
  /** Current manifest state of a graph branch (`branch_not_found` when absent). */
  state(branch: string): Promise<ManifestState>;
  /** Manifest state of a graph branch at a manifest version. */
  stateAt(version: number, branch: string): Promise<ManifestState>;
  snapshotOf(branch: string, state: ManifestState): GraphSnapshot;
}
