// `omnigraph demo`: creates the demo graph from the bundled dataset, runs the showcase queries, reuses it next time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { demoLines } from '../../scripts/gen-demo-data.js';
import { tempDir } from '../support/temp.js';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('omnigraph demo', () => {
  it('bundles exactly what the deterministic generator produces', () => {
    const bundled = readFileSync(path.join(import.meta.dirname, '../../demo/data.jsonl'), 'utf8');
    expect(bundled).toBe(`${demoLines().join('\n')}\n`);
  });

  it('creates, queries and then reuses the demo graph', async () => {
    const dir = path.join(tempDir('demo'), 'demo.omni');
    const first = await cli(['demo', dir]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/loaded 8400 entities/);
    expect(first.out).toContain('1 rows from branch main via person');
    expect(first.out).toContain('5 rows from branch main via biggest_employers');
    expect(first.out).toContain('8 rows from branch main via independent_rustaceans');
    const second = await cli(['demo', dir]);
    expect(second.code).toBe(0);
    expect(second.out).toContain('reusing the demo graph');
    // Same answers the second time (deterministic data, no timings compared).
    const strip = (s: string) => s.split('\n').filter((l) => !l.startsWith('==') && !l.startsWith('created') && !l.startsWith('reusing'));
    expect(strip(second.out)).toEqual(strip(first.out));
  });
});
