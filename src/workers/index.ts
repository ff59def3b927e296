// Public surface of the workers layer: task messages, the pool and the inline runner.
export { handleTask, type WorkerResult, type WorkerTask } from './protocol.js';
export { InlineRunner, WorkerPool, type TaskRunner } from './pool.js';
