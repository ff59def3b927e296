// Real child processes killed during a multi-table write — at every failpoint, and at random moments after Phase A.
// After the next opener recovers, the write is wholly visible or wholly absent, pins match tables, audits are kept.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { readAudit } from '../../src/recovery/audit.js';
import { FAILPOINT_PAUSED_MARKER } from '../../src/util/failpoints.js';
import { checkConsistent } from '../support/crash-check.js';
import { TEST_SCHEMA } from '../support/graph-ops.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { openWriteHarness } from '../support/write-harness.js';
import { watchPhases } from '../support/phase-watch.js';

const CHILD = fileURLToPath(new URL('../support/write-child.ts', import.meta.url));
const ROWS = 2000;
const ROUNDS: Record<string, number> = {
  file: Number(process.env['OMNIGRAPH_CRASH_ROUNDS_LOCAL'] ?? 30),
  s3: Number(process.env['OMNIGRAPH_CRASH_ROUNDS_S3'] ?? 20),
};

interface ChildRun {
  readonly signal: NodeJS.Signals | null;
  readonly armed: boolean;
  readonly completed: boolean;
  /** Milliseconds from the Phase A report to the publish report, when both were seen. */
  readonly windowMs: number | null;
}

/** Run the writer child; kill it at a paused failpoint, or `killAfterArmedMs` after it reports Phase A. */
function runWriter(uri: string, from: number, epoch: number, env: Record<string, string>, killAfterArmedMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, uri, String(from), String(ROWS), String(epoch)], {
      env: { ...process.env, OMNIGRAPH_REPORT_PHASES: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const watch = watchPhases(child, killAfterArmedMs, (stderr) => stderr.includes(FAILPOINT_PAUSED_MARKER) && child.kill('SIGKILL'));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`writer child hung; stderr: ${watch.stderr}`));
    }, 90_000);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve({ signal, armed: watch.armed, completed: stdout.includes('"ok":true'), windowMs: watch.windowMs });
    });
  });
}

async function recover(uri: string, epoch: number) {
  const h = await openWriteHarness(uri, epoch);
  try {
    return await h.writer.recover();
  } finally {
    await h.close();
  }
}

/** The graph holds either the old or the new state of a round, never a mix. */
function expectWholeOrNothing(c: { person: number; company: number; worksAt: number }, before: number): boolean {
  const landed = c.person === before + ROWS;
  expect(c).toEqual(landed ? { person: before + ROWS, company: before + ROWS, worksAt: before + ROWS } : { person: before, company: before, worksAt: before });
  return landed;
}

const FAILPOINTS = ['write.after-sidecar-armed', 'write.after-table-commit', 'write.after-effects-confirmed', 'write.after-publish'] as const;

describe.each(LANCE_BACKENDS)('write protocol under process kills ($name)', (backend) => {
  it.each(FAILPOINTS)('killed at %s: recovery leaves the write whole or absent, and a retry succeeds', async (point) => {
    const uri = backend.root('kill-fp');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    const run = await runWriter(uri, 0, 1, { OMNIGRAPH_FAILPOINTS: `${point}=exit` });
    expect(run.signal).toBe('SIGKILL');
    const outcomes = await recover(uri, 2);
    expect(outcomes).toHaveLength(1);
    const landed = expectWholeOrNothing(await checkConsistent(uri), 0);
    expect(landed).toBe(point === 'write.after-effects-confirmed' || point === 'write.after-publish');
    expect((await readAudit(uri)).map((a) => a.operation_id)).toEqual([outcomes[0]!.operationId]);
    if (!landed) {
      const retry = await runWriter(uri, 0, 3, {});
      expect(retry.completed).toBe(true);
      expectWholeOrNothing(await checkConsistent(uri), 0);
    }
  });

  it(`random SIGKILLs after Phase A leave a consistent graph (rounds: ${ROUNDS[backend.name]})`, async () => {
    const uri = backend.root('kill-random');
    await (await Omnigraph.init(uri, TEST_SCHEMA)).close();
    const seed = Number(process.env['OMNIGRAPH_CRASH_SEED'] ?? Date.now() % 100000);
    console.log(`write-kill ${backend.name}: seed ${seed}`);
    let rand = seed;
    const next = (): number => ((rand = (rand * 1103515245 + 12345) % 2147483648), rand / 2147483648);
    let epoch = 1;
    // Calibrate: how long the effects window (Phase A to publish) of one write takes here; kill inside 80% of it.
    const windows: number[] = [];
    for (let i = 0; i < 3; i++) {
      const probe = await runWriter(uri, i * ROWS, epoch++, {});
      expect(probe.completed).toBe(true);
      windows.push(probe.windowMs ?? 100);
    }
    const windowMs = 0.8 * windows.sort((a, b) => a - b)[1]!;
    console.log(`write-kill ${backend.name}: effects window ${windowMs.toFixed(0)} ms`);
    let rows = 3 * ROWS;
    let leftSidecar = 0;
    let killed = 0;
    for (let round = 0; round < ROUNDS[backend.name]!; round++) {
      const run = await runWriter(uri, rows, epoch++, {}, Math.floor(next() * windowMs));
      expect(run.armed).toBe(true);
      const outcomes = await recover(uri, epoch++);
      if (run.signal === 'SIGKILL') {
        killed++;
        if (outcomes.length > 0) leftSidecar++;
      }
      expect(outcomes.filter((o) => o.kind === 'failed_closed')).toEqual([]);
      if (expectWholeOrNothing(await checkConsistent(uri), rows)) rows += ROWS;
    }
    console.log(`write-kill ${backend.name}: ${killed} of ${ROUNDS[backend.name]} rounds killed mid-write, ${leftSidecar} of them left a sidecar, ${rows / ROWS - 3} writes landed`);
    // Most rounds must really kill a writer inside its write, and most kills must leave a sidecar, or this proves nothing.
    expect(killed).toBeGreaterThanOrEqual(Math.ceil(ROUNDS[backend.name]! * 0.6));
    expect(leftSidecar).toBeGreaterThanOrEqual(Math.ceil(killed * 0.8));
    const retry = await runWriter(uri, rows, epoch, {});
    expect(retry.completed).toBe(true);
    expectWholeOrNothing(await checkConsistent(uri), rows);
  });
});
