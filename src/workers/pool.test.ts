// The Piscina pool and the inline runner give the same CSR; the pool transfers buffers and drains on close.
import { describe, expect, it } from 'vitest';
import { InlineRunner, WorkerPool } from './pool.js';

function input() {
  const n = 1000;
  const src = new Int32Array(5000).map((_, i) => (i * 7) % n);
  const dst = new Int32Array(5000).map((_, i) => (i * 13 + 1) % n);
  return { src, dst, fromCount: n, toCount: n };
}

describe('graph-index workers', () => {
  it('builds in a worker thread exactly what the inline runner builds, transferring the input', async () => {
    const inline = await new InlineRunner().run({ kind: 'build-csr', input: input() });
    const pool = new WorkerPool({ maxThreads: 1 });
    try {
      const task = { kind: 'build-csr', input: input() } as const;
      const threaded = await pool.run(task);
      expect(task.input.src.byteLength).toBe(0); // moved to the worker, not copied
      expect([...threaded.output.out.offsets]).toEqual([...inline.output.out.offsets]);
      expect([...threaded.output.in.targets]).toEqual([...inline.output.in.targets]);
      expect(threaded.output.out.edges).toBeInstanceOf(Int32Array);
    } finally {
      await pool.close();
    }
  });

  it('close waits for tasks in flight and refuses new ones', async () => {
    const pool = new WorkerPool({ maxThreads: 1 });
    const pending = pool.run({ kind: 'build-csr', input: input() });
    await pool.close();
    await expect(pending).resolves.toMatchObject({ kind: 'build-csr' });
    await expect(pool.run({ kind: 'build-csr', input: input() })).rejects.toThrow(/closed/);
  });
});
