// After a crash and a recovery: the graph must be consistent — every pin matches its table, no drift, all-or-nothing.
import { expect } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { connectLance } from '../../src/store/lance/index.js';
import { openWriteHarness } from './write-harness.js';

/** Row counts of Person, Company and WorksAt at main's head, after checking every pin against its table. */
export async function checkConsistent(uri: string): Promise<{ person: number; company: number; worksAt: number }> {
  const graph = await Omnigraph.open(uri, { mode: 'read-only' });
  const conn = await connectLance(uri);
  try {
    const snap = await graph.snapshot();
    for (const t of snap.tables) {
      expect(await (await snap.open(t)).countRows()).toBe(t.rowCount);
      const head = await conn.openHead(t.tableId, t.branch);
      expect(await head.version(), `${t.tableKey} HEAD equals its pin`).toBe(t.version);
      head.close();
    }
    const count = (kind: 'node' | 'edge', type: string): number => snap.table(kind, type)!.rowCount;
    return { person: count('node', 'Person'), company: count('node', 'Company'), worksAt: count('edge', 'WorksAt') };
  } finally {
    conn.close();
    await graph.close();
  }
}

/** Kills counted across the rounds of a kill suite. */
export interface KillTally {
  killed: number;
  /** Kills after which recovery found a sidecar to resolve (proof the kill landed mid-write). */
  sidecars: number;
}

/**
 * After one child run: recover the graph as the next lease holder would (lease epoch `epoch`), require that nothing
 * failed closed, and count a SIGKILL in `tally` (and whether it left a sidecar).
 */
export async function recoverAfterRun(uri: string, epoch: number, run: { readonly signal: NodeJS.Signals | null }, tally: KillTally): Promise<void> {
  const h = await openWriteHarness(uri, epoch);
  const outcomes = await h.writer.recover().finally(() => h.close());
  expect(outcomes.filter((o) => o.kind === 'failed_closed')).toEqual([]);
  if (run.signal === 'SIGKILL') {
    tally.killed++;
    if (outcomes.length > 0) tally.sidecars++;
  }
}
