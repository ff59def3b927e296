// Multi-process race harness for ObjectStore: N children read, wait at a start barrier, then write at once.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./object-race-child.ts', import.meta.url));

/** One child's outcome. */
export interface RaceResult {
  readonly pid: number;
  readonly readToken: string | null;
  readonly readAt: number;
  readonly writeStartAt: number;
  readonly writeEndAt: number;
  readonly ok: boolean;
  readonly reason?: string;
  readonly body: string;
}

/** A finished race: every result plus the timing facts that prove the attempts overlapped. */
export interface Race {
  readonly results: readonly RaceResult[];
  /** When the last child finished its read (epoch ms). */
  readonly lastReadAt: number;
  /** When the first child's write returned (epoch ms). */
  readonly firstWriteReturnedAt: number;
  /** How many children had started their write before the first write returned. */
  readonly overlappingWrites: number;
}

/** Options of `raceObjectStore`. */
export interface RaceOptions {
  readonly uri: string;
  readonly op: 'create' | 'cas';
  readonly key: string;
  readonly processes: number;
}

/** Spawn the children, release them together once all have read, and collect their results. */
export async function raceObjectStore(options: RaceOptions): Promise<Race> {
  const children = Array.from({ length: options.processes }, () =>
    spawn(process.execPath, ['--import', 'tsx', CHILD, options.uri, options.op, options.key], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    }),
  );
  try {
    const lines = children.map((c) => lineReader(c));
    const ready = await Promise.all(lines.map((next) => next()));
    for (const r of ready) if (r['type'] !== 'ready') throw new Error(`child not ready: ${JSON.stringify(r)}`);
    for (const c of children) c.stdin!.write('go\n');
    const done = await Promise.all(lines.map((next) => next()));
    const results = done.map((d, i) => {
      if (d['type'] !== 'done') throw new Error(`child failed: ${JSON.stringify(d)}`);
      return { ...(d as unknown as RaceResult), readAt: ready[i]!['readAt'] as number, readToken: ready[i]!['token'] as string | null };
    });
    const firstWriteReturnedAt = Math.min(...results.map((r) => r.writeEndAt));
    return {
      results,
      lastReadAt: Math.max(...results.map((r) => r.readAt)),
      firstWriteReturnedAt,
      overlappingWrites: results.filter((r) => r.writeStartAt <= firstWriteReturnedAt).length,
    };
  } finally {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  }
}

function lineReader(child: ChildProcess): () => Promise<Record<string, unknown>> {
  const queue: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const rl = createInterface({ input: child.stdout! });
  let closed = false;
  const onClose: Array<() => void> = [];
  rl.on('line', (line) => {
    const w = waiters.shift();
    if (w) w(line);
    else queue.push(line);
  });
  // Only once stdout is drained does "no line" mean the child failed: its exit can be seen before its last lines.
  rl.on('close', () => {
    closed = true;
    onClose.splice(0).forEach((f) => f());
  });
  return () =>
    new Promise((resolve, reject) => {
      const take = (line: string): void => resolve(JSON.parse(line) as Record<string, unknown>);
      const queued = queue.shift();
      if (queued !== undefined) return take(queued);
      const timer = setTimeout(() => reject(new Error(`race child timed out; stderr: ${stderr}`)), 60_000);
      const fail = (): void => {
        clearTimeout(timer);
        reject(new Error(`race child exited (${child.exitCode ?? child.signalCode}) without answering; stderr: ${stderr}`));
      };
      if (closed) return fail();
      onClose.push(fail);
      waiters.push((line) => {
        clearTimeout(timer);
        onClose.splice(onClose.indexOf(fail), 1);
        take(line);
      });
    });
}
