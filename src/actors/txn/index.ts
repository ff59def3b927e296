// Run one write set through the transaction coordinator and get its commit (or its classified failure).
import { createActor, toPromise } from 'xstate';
import { toOmniError } from '../../errors/index.js';
import type { WriteDeps, WriteSet } from '../../exec/writeset/index.js';
import type { PublishResult } from '../../manifest/index.js';
import { txnMachine } from './txn.machine.js';

export { txnMachine, type TxnContext, type TxnInput } from './txn.machine.js';

/**
 * Commit `ws` through Phases A–D. The caller holds the lease and the branch gate. Resolves with the published
 * commit; rejects with `read_set_conflict` and friends before any effect, or `recovery_required` after one.
 * @example
 * const { commitId } = await runTransaction(deps, writeSet);
 */
export async function runTransaction(deps: WriteDeps, ws: WriteSet): Promise<PublishResult> {
  const actor = createActor(txnMachine, { input: { deps, ws } });
  actor.start();
  await toPromise(actor).catch(() => undefined);
  const snap = actor.getSnapshot();
  if (snap.value === 'done' && snap.context.result !== null) return snap.context.result;
  throw snap.context.error ?? toOmniError(snap.context.failure);
}
