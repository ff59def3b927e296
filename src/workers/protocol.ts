// Messages between the main thread and graph-index workers; typed arrays travel as transferred buffers.
import { buildCsr, csrBuffers, type CsrInput, type CsrOutput } from '../graphindex/index.js';

/** A task for a worker. */
export type WorkerTask = { readonly kind: 'build-csr'; readonly input: CsrInput };

/** A worker's answer. */
export type WorkerResult = { readonly kind: 'build-csr'; readonly output: CsrOutput };

/** Piscina's public markers of a transferable value (`Piscina.transferableSymbol` / `Piscina.valueSymbol`). */
const TRANSFERABLE = Symbol.for('Piscina.transferable');
const VALUE = Symbol.for('Piscina.valueOf');

/** Run a task in the current thread (the worker body, and the inline runner's). */
export function handleTask(task: WorkerTask): WorkerResult {
  switch (task.kind) {
    case 'build-csr':
      return { kind: 'build-csr', output: buildCsr(task.input) };
  }
}

/** A result as a Piscina transferable: its value and the buffers to move (mark it with the pool's `moveResult`). */
export function transferable(result: WorkerResult): object {
  return { [TRANSFERABLE]: csrBuffers(result.output), [VALUE]: result };
}

/** The buffers of a task to transfer to the worker. */
export function taskBuffers(task: WorkerTask): ArrayBuffer[] {
  return [task.input.src.buffer, task.input.dst.buffer] as ArrayBuffer[];
}
