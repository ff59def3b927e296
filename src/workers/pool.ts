// The worker pool (the only Piscina importer) and the in-process runner: both run WorkerTasks.
import { Piscina } from 'piscina';
import { handleTask, taskBuffers, type WorkerResult, type WorkerTask } from './protocol.js';

/** Mark a worker's return value so Piscina moves its buffers instead of copying them (called inside the worker). */
export function moveResult(value: object): unknown {
  return Piscina.move(value as never);
}

/** Something that runs worker tasks. */
export interface TaskRunner {
  run(task: WorkerTask): Promise<WorkerResult>;
  /** Wait for running tasks, then release threads. Never terminates a busy worker. */
  close(): Promise<void>;
}

/** Runs tasks in the calling thread (tests, small inputs). */
export class InlineRunner implements TaskRunner {
  async run(task: WorkerTask): Promise<WorkerResult> {
    return handleTask(task);
  }
  async close(): Promise<void> {}
}

/** Loader flags of this process a worker needs too (`--import`, `--require`, `--loader` and their values). */
function loaderFlags(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (/^--(import|require|loader|experimental-loader)=/.test(a)) out.push(a);
    else if (/^--(import|require|loader|experimental-loader)$/.test(a) && i + 1 < argv.length) out.push(a, argv[++i] as string);
  }
  return out;
}

/** The worker entry and the flags it runs with; per-process flags (heap size, inspector) are never passed on. */
function workerFile(): { filename: string; execArgv?: string[] } {
  const self = import.meta.url;
  if (self.endsWith('.ts')) {
    // Running from sources (tsx, vitest): the worker needs the TypeScript loader too.
    const flags = loaderFlags(process.execArgv);
    return { filename: new URL('./graph-worker.ts', self).href, execArgv: flags.includes('tsx') ? flags : [...flags, '--import', 'tsx'] };
  }
  return { filename: new URL('./graph-worker.js', self).href };
}

/**
 * Piscina threads for graph-index builds. Tasks are never aborted or timed out (design §7): `close` waits for
 * every task in flight, then destroys the idle pool.
 * @example
 * const pool = new WorkerPool({ maxThreads: 2 });
 * const { output } = await pool.run({ kind: 'build-csr', input });
 * await pool.close();
 */
export class WorkerPool implements TaskRunner {
  readonly #pool: Piscina;
  readonly #inflight = new Set<Promise<unknown>>();
  #closed = false;

  constructor(options: { readonly maxThreads?: number } = {}) {
    const { filename, execArgv } = workerFile();
    this.#pool = new Piscina({ filename, ...(execArgv === undefined ? {} : { execArgv }), minThreads: 0, maxThreads: options.maxThreads ?? 2, idleTimeout: 30_000 });
  }

  async run(task: WorkerTask): Promise<WorkerResult> {
    if (this.#closed) throw new Error('worker pool is closed');
    const p = this.#pool.run(task, { transferList: taskBuffers(task) as never }) as Promise<WorkerResult>;
    this.#inflight.add(p);
    try {
      return await p;
    } finally {
      this.#inflight.delete(p);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.allSettled([...this.#inflight]);
    await this.#pool.destroy();
  }
}
