// Real `omnigraph branch merge` processes SIGKILLed at random moments after Phase A: the merge lands whole or not at all.
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { runKillable, type KillableRun } from '../support/cli-child.js';
import { checkConsistent, recoverAfterRun, type KillTally } from '../support/crash-check.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { mulberry32 } from '../../src/util/prng.js';
import { SPEC_SCHEMA } from '../support/spec-graph.js';

const ROWS = Number(process.env['OMNIGRAPH_MERGE_CRASH_ROWS'] ?? 2000);
const ROUNDS: Record<string, number> = {
  file: Number(process.env['OMNIGRAPH_MERGE_CRASH_ROUNDS_LOCAL'] ?? 4),
  s3: Number(process.env['OMNIGRAPH_MERGE_CRASH_ROUNDS_S3'] ?? 2),
};

function runMerge(uri: string, branch: string, killAfterArmedMs?: number): Promise<KillableRun> {
  return runKillable(['branch', 'merge', '--uri', uri, branch, '--quiet'], killAfterArmedMs);
}

/** A branch holding ROWS new Person/Company/WorksAt triples, and one unrelated change on main (a three-way merge). */
async function prepareBranch(uri: string, round: number): Promise<string> {
  const g = await Omnigraph.open(uri, { mode: 'read-write' });
  try {
    const name = `r${round}`;
    await g.branchCreate(name);
    const lines: string[] = [];
    for (let i = 0; i < ROWS; i++) {
      lines.push(`{"type":"Person","data":{"name":"p${round}-${i}","age":${i % 90}}}`);
      lines.push(`{"type":"Company","data":{"name":"c${round}-${i}","industry":"software"}}`);
      lines.push(`{"edge":"WorksAt","from":"p${round}-${i}","to":"c${round}-${i}"}`);
    }
    await g.load({ text: lines.join('\n') }, { mode: 'append', branch: name });
    await g.mutate('query m($n: String) { insert Company { name: $n, industry: "retail" } }', { params: { n: `main-${round}` } });
    return name;
  } finally {
    await g.close();
  }
}

describe.each(LANCE_BACKENDS)('merges under process kills ($name)', (backend) => {
  it(`random SIGKILLs of omnigraph branch merge after Phase A leave the merge whole or absent (rounds: ${ROUNDS[backend.name]})`, async () => {
    const uri = backend.root('merge-kill');
    await (await Omnigraph.init(uri, SPEC_SCHEMA)).close();
    let round = 0;
    let epoch = 2_000_000;
    const windows: number[] = [];
    let merged = 0;
    for (let i = 0; i < 2; i++) {
      const probe = await runMerge(uri, await prepareBranch(uri, round++));
      expect(probe.completed).toBe(true);
      windows.push(probe.windowMs ?? 50);
      merged++;
    }
    const windowMs = 0.8 * Math.min(...windows);
    const seed = Number(process.env['OMNIGRAPH_CRASH_SEED'] ?? Date.now() % 100000);
    const next = mulberry32(seed);
    const tally: KillTally = { killed: 0, sidecars: 0 };
    for (let r = 0; r < ROUNDS[backend.name]!; r++) {
      const branch = await prepareBranch(uri, round);
      const companiesOnMain = round + 1;
      const run = await runMerge(uri, branch, Math.floor(next() * windowMs));
      expect(run.armed).toBe(true);
      await recoverAfterRun(uri, epoch++, run, tally);
      const c = await checkConsistent(uri);
      const whole = c.person === (merged + 1) * ROWS;
      const persons = (whole ? merged + 1 : merged) * ROWS;
      expect(c).toEqual({ person: persons, company: persons + companiesOnMain, worksAt: persons });
      if (!whole) {
        // The merge left nothing behind: running it again lands it.
        expect((await runMerge(uri, branch)).completed).toBe(true);
        expect(await checkConsistent(uri)).toEqual({ person: (merged + 1) * ROWS, company: (merged + 1) * ROWS + companiesOnMain, worksAt: (merged + 1) * ROWS });
      }
      merged++;
      round++;
      const g = await Omnigraph.open(uri, { mode: 'read-only' });
      const head = await g.commit((await g.head()).commitId);
      expect(head.parents).toEqual([expect.any(String), (await g.head(branch)).commitId]);
      await g.close();
    }
    console.log(`merge-kill ${backend.name}: seed ${seed}, window ${windowMs.toFixed(0)} ms, ${tally.killed} killed, ${tally.sidecars} left a sidecar`);
    expect(tally.killed).toBeGreaterThanOrEqual(Math.ceil(ROUNDS[backend.name]! / 2));
  }, 900_000);
});
