// The `omnigraph` binary as a child process for tests: a plain run, and a run that can be killed after Phase A.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { watchPhases } from './phase-watch.js';

/** The repository root and the CLI entry point. */
export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_MAIN = path.join(REPO, 'src/cli/main.ts');

/** What a CLI child did. */
export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** Run the CLI binary; judged on 'close' so stdout and stderr are drained. stdin is not a TTY. */
export function cli(...argv: string[]): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...argv], { cwd: REPO, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (err += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out, err }));
  });
}

/** Run the CLI and require exit 0; returns stdout. */
export async function cliOk(...argv: string[]): Promise<string> {
  const r = await cli(...argv);
  expect(r.code, `${argv.join(' ')}\n${r.err}`).toBe(0);
  return r.out;
}

/** A write run under the kill harness. */
export interface KillableRun {
  readonly signal: NodeJS.Signals | null;
  /** The child reported Phase A (its sidecar is written). */
  readonly armed: boolean;
  readonly completed: boolean;
  /** Time from Phase A to the publish, when the child got that far. */
  readonly windowMs: number | null;
}

/**
 * Run a writing CLI command with phase reports on and a 1 s lease TTL; with `killAfterArmedMs`, SIGKILL it that long
 * after it reports Phase A. A child that exits non-zero on its own rejects.
 */
export function runKillable(args: readonly string[], killAfterArmedMs?: number): Promise<KillableRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_MAIN, ...args], {
      env: { ...process.env, OMNIGRAPH_REPORT_PHASES: '1', OMNIGRAPH_LEASE_TTL_MS: '1000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const watch = watchPhases(child, killAfterArmedMs);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli child hung; stderr: ${watch.stderr}`));
    }, 120_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal === null && code !== 0) reject(new Error(`cli exited ${code}: ${watch.stderr}`));
      else resolve({ signal, armed: watch.armed, completed: code === 0, windowMs: watch.windowMs });
    });
  });
}
