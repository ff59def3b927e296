// Small statistics and result-writing helpers shared by the benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Summary of a sample of durations in milliseconds. */
export interface Summary {
  readonly n: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
}

/** Median, p95 and min of `samples` (ms), rounded to 3 decimals. */
export function summarize(samples: readonly number[]): Summary {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  const r = (x: number): number => Math.round(x * 1000) / 1000;
  return { n: s.length, medianMs: r(at(0.5)), p95Ms: r(at(0.95)), minMs: r(s[0] ?? Number.NaN) };
}

/** Time `fn` `n` times after `warmup` runs; returns the per-run durations in ms. */
export async function timeRuns(n: number, warmup: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Write `bench/results/<name>.json` with the machine facts and print it. */
export function writeResult(name: string, result: Record<string, unknown>): void {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');
  mkdirSync(dir, { recursive: true });
  const body = { name, at: new Date().toISOString(), node: process.version, ...result };
  writeFileSync(path.join(dir, `${name}.json`), `${JSON.stringify(body, null, 2)}\n`);
  console.log(JSON.stringify(body, null, 2));
}
