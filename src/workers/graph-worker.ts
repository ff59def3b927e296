// Worker entry (thin): run one graph-index task and hand its typed arrays back without copying.
import { moveResult } from './pool.js';
import { handleTask, transferable, type WorkerTask } from './protocol.js';

/** Piscina calls the default export with each task. */
export default function graphWorker(task: WorkerTask): unknown {
  return moveResult(transferable(handleTask(task)));
}
