// Driver of lease child processes (test/support/lease-child.ts): spawn, read their JSON lines, signal them.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { LeaseChildArgs } from './lease-child.js';

const CHILD = fileURLToPath(new URL('./lease-child.ts', import.meta.url));

/** One line a child printed. */
export type LeaseMessage = Record<string, unknown> & { readonly type: string; readonly pid: number };

/** A running lease child. */
export interface LeaseChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** The next message of `type` (earlier messages of other types are kept for later calls). Rejects on exit or timeout. */
  next(type: string, timeoutMs?: number): Promise<LeaseMessage>;
  /** Write one line to the child's stdin. */
  send(line: string): void;
  /** Resolves with the exit code or signal once the child has exited. */
  exited(): Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

/**
 * Spawn a lease child with `node --import tsx`; `env` adds variables (e.g. OMNIGRAPH_FAILPOINTS).
 * @example
 * const a = spawnLeaseChild({ uri, mode: 'hold', ttlMs: 1500, waitMs: 0 });
 * const held = await a.next('acquired');
 */
export function spawnLeaseChild(args: LeaseChildArgs, env: Record<string, string> = {}): LeaseChild {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(args)], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: LeaseMessage[] = [];
  const wake: Array<() => void> = [];
  let stderr = '';
  let exit: number | string | null = null;
  proc.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  createInterface({ input: proc.stdout! }).on('line', (line) => {
    lines.push(JSON.parse(line) as LeaseMessage);
    for (const w of wake.splice(0)) w();
  });
  const exitedP = new Promise<number | string>((resolve) =>
    proc.once('exit', (code, signal) => {
      exit = signal ?? code ?? -1;
      for (const w of wake.splice(0)) w();
      resolve(exit);
    }),
  );
  return {
    process: proc,
    pid: proc.pid!,
    next: (type, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`lease child ${proc.pid}: no '${type}' in ${timeoutMs} ms; got ${JSON.stringify(lines)}; stderr: ${stderr}`)), timeoutMs);
        const look = (): void => {
          const i = lines.findIndex((l) => l.type === type || l.type === 'error');
          if (i >= 0) {
            const [msg] = lines.splice(i, 1) as [LeaseMessage];
            clearTimeout(timer);
            if (msg.type === 'error' && type !== 'error') reject(new Error(`lease child ${proc.pid} failed: ${JSON.stringify(msg)}; stderr: ${stderr}`));
            else resolve(msg);
          } else if (exit !== null) {
            clearTimeout(timer);
            reject(new Error(`lease child ${proc.pid} exited (${exit}) before '${type}'; stderr: ${stderr}`));
          } else wake.push(look);
        };
        look();
      }),
    send: (line) => void proc.stdin!.write(`${line}\n`),
    exited: () => exitedP,
    kill: (signal = 'SIGKILL') => void proc.kill(signal),
  };
}
