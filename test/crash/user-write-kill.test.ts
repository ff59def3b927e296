// Real `omnigraph load` and `omnigraph mutate` processes SIGKILLed at random moments after Phase A: all or nothing.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { runKillable } from '../support/cli-child.js';
import { checkConsistent, recoverAfterRun, type KillTally } from '../support/crash-check.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { SPEC_SCHEMA } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';

const ROWS = Number(process.env['OMNIGRAPH_USER_CRASH_ROWS'] ?? 3000);
const ROUNDS: Record<string, number> = {
  file: Number(process.env['OMNIGRAPH_USER_CRASH_ROUNDS_LOCAL'] ?? 4),
  s3: Number(process.env['OMNIGRAPH_USER_CRASH_ROUNDS_S3'] ?? 3),
};
const MUTATION = `query trio($p: String, $c: String) {
  insert Person { name: $p, age: 1 }
  insert Company { name: $c, industry: "retail" }
  insert WorksAt { from: $p, to: $c, role: "r" }
}`;

function loadFile(dir: string, round: number): string {
  const file = path.join(dir, `round-${round}.jsonl`);
  const lines: string[] = [];
  for (let i = 0; i < ROWS; i++) {
    lines.push(`{"type":"Person","data":{"name":"p${round}-${i}","age":${i % 90}}}`);
    lines.push(`{"type":"Company","data":{"name":"c${round}-${i}","industry":"software"}}`);
    lines.push(`{"edge":"WorksAt","from":"p${round}-${i}","to":"c${round}-${i}"}`);
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe.each(LANCE_BACKENDS)('user writes under process kills ($name)', (backend) => {
  for (const kind of ['load', 'mutate'] as const) {
    it(`random SIGKILLs of omnigraph ${kind} after Phase A leave the write whole or absent (rounds: ${ROUNDS[backend.name]})`, async () => {
      const uri = backend.root(`user-kill-${kind}`);
      await (await Omnigraph.init(uri, SPEC_SCHEMA)).close();
      const dir = tempDir('user-kill-data');
      const per = kind === 'load' ? ROWS : 1;
      const args = (round: number): string[] =>
        kind === 'load'
          ? ['load', uri, '--data', loadFile(dir, round), '--mode', 'append', '--quiet']
          : ['mutate', '--store', uri, '-e', MUTATION, '--params', JSON.stringify({ p: `p${round}`, c: `c${round}` })];
      let round = 0;
      let epoch = 1_000_000;
      const windows: number[] = [];
      for (let i = 0; i < 2; i++) {
        const probe = await runKillable(args(round++));
        expect(probe.completed).toBe(true);
        windows.push(probe.windowMs ?? 50);
      }
      const windowMs = 0.8 * Math.min(...windows);
      let landed = 2;
      const tally: KillTally = { killed: 0, sidecars: 0 };
      const seed = Number(process.env['OMNIGRAPH_CRASH_SEED'] ?? Date.now() % 100000);
      let rand = seed;
      const next = (): number => ((rand = (rand * 1103515245 + 12345) % 2147483648), rand / 2147483648);
      for (let r = 0; r < ROUNDS[backend.name]!; r++) {
        const run = await runKillable(args(round++), Math.floor(next() * windowMs));
        expect(run.armed).toBe(true);
        await recoverAfterRun(uri, epoch++, run, tally);
        const c = await checkConsistent(uri);
        const whole = c.person === (landed + 1) * per;
        expect(c).toEqual(whole ? { person: (landed + 1) * per, company: (landed + 1) * per, worksAt: (landed + 1) * per } : { person: landed * per, company: landed * per, worksAt: landed * per });
        if (whole) landed++;
      }
      console.log(`user-write-kill ${backend.name} ${kind}: seed ${seed}, window ${windowMs.toFixed(0)} ms, ${tally.killed} killed, ${tally.sidecars} left a sidecar, ${landed - 2} landed`);
      expect(tally.killed).toBeGreaterThanOrEqual(Math.ceil(ROUNDS[backend.name]! / 2));
      const after = await runKillable(args(round++));
      expect(after.completed).toBe(true);
    }, 600_000);
  }
});
