// Driver of scripted graph child processes (test/support/graph-child.ts): one JSON command in, one JSON line out.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./graph-child.ts', import.meta.url));

/** A reply line. */
export type Reply = Record<string, unknown> & { ok: boolean; code?: string };

/** A pool of scripted children. */
export interface GraphChildren {
  readonly size: number;
  /** Send one command to child `i` and wait for its answer. */
  send(i: number, command: Record<string, unknown>): Promise<Reply>;
  /** Send the same command to the given children (all by default) at once; answers in child order. */
  all(command: Record<string, unknown>, which?: readonly number[]): Promise<Reply[]>;
  close(): Promise<void>;
}

/** Spawn `n` children. */
export function spawnGraphChildren(n: number): GraphChildren {
  const procs: ChildProcess[] = [];
  const waiters: Array<Array<(r: Reply) => void>> = [];
  const stderr: string[] = [];
  for (let i = 0; i < n; i++) {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD], { stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
    procs.push(p);
    waiters.push([]);
    stderr.push('');
    p.stderr!.on('data', (d: Buffer) => (stderr[i] = (stderr[i] + d.toString()).slice(-4000)));
    createInterface({ input: p.stdout! }).on('line', (line) => waiters[i]!.shift()?.(JSON.parse(line) as Reply));
  }
  const send = (i: number, command: Record<string, unknown>): Promise<Reply> =>
    new Promise((resolve, reject) => {
      const p = procs[i]!;
      const timer = setTimeout(() => reject(new Error(`child ${i} timed out on ${JSON.stringify(command)}; stderr: ${stderr[i]}`)), 90_000);
      const onExit = (code: number | null): void => reject(new Error(`child ${i} exited ${code}; stderr: ${stderr[i]}`));
      p.once('exit', onExit);
      waiters[i]!.push((r) => {
        clearTimeout(timer);
        p.off('exit', onExit);
        resolve(r);
      });
      p.stdin!.write(`${JSON.stringify(command)}\n`);
    });
  return {
    size: n,
    send,
    all: (command, which = procs.map((_, i) => i)) => Promise.all(which.map((i) => send(i, command))),
    async close() {
      await Promise.all(procs.map((p, i) => (p.exitCode === null ? send(i, { cmd: 'exit' }).catch(() => undefined) : undefined)));
      for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
    },
  };
}
