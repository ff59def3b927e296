// Node scans: every node of a type bound into the row, keeping rows that pass the pushed-down predicates.
import type { ScanNode } from '../../compiler/ir/scan-node.js';
import type { ExecContext, SlotRow } from './context.js';
import { predicate } from './evaluate.js';
import { keyLookup } from './key-lookup.js';

/** A consumer of rows; the row buffer is reused after it returns (copy to keep). False stops the producer. */
export type Sink = (row: SlotRow) => boolean;

/** Push the rows binding `scan.variable` on top of `base` into `sink`; false when the sink stopped. */
export function runScan(ctx: ExecContext, scan: ScanNode, base: SlotRow, sink: Sink): boolean {
  const nodes = ctx.nodes(scan.typeName);
  const slot = ctx.slot(scan.variable);
  const probe = base.slice();
  const pushed = ctx.pushedDown(scan);
  // Lance SQL selected exactly the matching rows (lowering is exact by contract: no re-check needed).
  if (pushed !== undefined) {
    for (const i of pushed) {
      if (i < 0) continue;
      probe[slot] = i;
      if (!sink(probe)) return false;
    }
    return true;
  }
  // Predicates compile only when evaluated here: a pushed-down scan never loads their columns.
  const tests = scan.predicates.map((p) => predicate(ctx, p));
  const consider = (i: number): boolean => {
    probe[slot] = i;
    for (const t of tests) if (!t(probe)) return true;
    return sink(probe);
  };
  // A key equality (`name: $name` on a keyed type) is a point lookup through the id map.
  const point = keyLookup(ctx, scan);
  if (point !== null) return point < 0 || consider(point);
  for (let i = 0; i < nodes.size; i++) if (!consider(i)) return false;
  return true;
}
