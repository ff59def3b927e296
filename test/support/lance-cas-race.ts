// Driver of the poison-CAS guard: N child processes publish at once per round, released by a start barrier.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./lance-cas-child.ts', import.meta.url));
const LINE_TIMEOUT_MS = 60_000;

/** What a child reports after its pre-read. */
export interface CasReady {
  readonly writer: string;
  readonly round: number;
  readonly expected: string | null;
  readonly readAt: number;
}

/** What a child reports after its publish attempt. */
export interface CasDone {
  readonly writer: string;
  readonly round: number;
  readonly ok: boolean;
  readonly newHead?: string;
  readonly result?: { version: number; numInsertedRows: number; numUpdatedRows: number; numDeletedRows: number; numAttempts: number };
  readonly code?: string;
  readonly casLost?: boolean;
  readonly message?: string;
  readonly writeStartAt: number;
  readonly writeEndAt: number;
}

/** One round: every pre-read, then every outcome. */
export interface CasRound {
  readonly ready: readonly CasReady[];
  readonly done: readonly CasDone[];
}

/** A set of long-lived child publishers on one table. */
export interface CasRace {
  /** Run one round: all children pre-read the head; once all have, release them together. */
  round(round: number): Promise<CasRound>;
  /** Tell every child to exit and wait for them. */
  close(): Promise<void>;
}

/** Spawn `writers` children (`node --import tsx`) publishing `rowsPerPublish` rows each on `table` at `uri`. */
export async function startCasRace(options: { uri: string; table: string; writers: number; rowsPerPublish: number }): Promise<CasRace> {
  const children = Array.from({ length: options.writers }, (_, i) =>
    spawn(process.execPath, ['--import', 'tsx', CHILD, options.uri, options.table, `w${i}`, String(options.rowsPerPublish)], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: process.env,
    }),
  );
  const readers = children.map(lineReader);
  const killAll = (): void => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  };
  try {
    for (const hello of await Promise.all(readers.map((next) => next()))) {
      if (hello['type'] !== 'hello') throw new Error(`CAS child did not start: ${JSON.stringify(hello)}`);
    }
  } catch (err) {
    killAll();
    throw err;
  }
  const send = (line: string): void => {
    for (const c of children) c.stdin!.write(`${line}\n`);
  };
  return {
    async round(round) {
      try {
        send(`prepare ${round}`);
        const ready = (await Promise.all(readers.map((next) => next()))) as unknown as CasReady[];
        // The start barrier: nobody writes before everybody has read.
        send(`go ${round}`);
        const done = (await Promise.all(readers.map((next) => next()))) as unknown as CasDone[];
        return { ready, done };
      } catch (err) {
        killAll();
        throw err;
      }
    },
    async close() {
      const exits = children.map((c) => new Promise<number | null>((resolve) => (c.exitCode !== null ? resolve(c.exitCode) : c.once('exit', (code) => resolve(code)))));
      send('exit');
      const timer = setTimeout(killAll, 10_000);
      const codes = await Promise.all(exits);
      clearTimeout(timer);
      if (codes.some((c) => c !== 0)) throw new Error(`CAS children exited with ${JSON.stringify(codes)}`);
    },
  };
}

function lineReader(child: ChildProcess): () => Promise<Record<string, unknown>> {
  const queue: string[] = [];
  const waiters: Array<{ resolve: (line: string) => void; reject: (err: Error) => void }> = [];
  let stderr = '';
  let exited: Error | null = null;
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const w = waiters.shift();
    if (w) w.resolve(line);
    else queue.push(line);
  });
  child.once('exit', (code, signal) => {
    exited = new Error(`CAS child exited (code ${code}, signal ${signal}); stderr: ${stderr}`);
    for (const w of waiters.splice(0)) w.reject(exited);
  });
  return () =>
    new Promise((resolve, reject) => {
      const queued = queue.shift();
      if (queued !== undefined) return resolve(JSON.parse(queued) as Record<string, unknown>);
      if (exited !== null) return reject(exited);
      const timer = setTimeout(() => reject(new Error(`CAS child sent nothing for ${LINE_TIMEOUT_MS} ms; stderr: ${stderr}`)), LINE_TIMEOUT_MS);
      waiters.push({
        resolve: (line) => {
          clearTimeout(timer);
          resolve(JSON.parse(line) as Record<string, unknown>);
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      });
    });
}
