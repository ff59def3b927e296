// Racing user writes in real processes released at a start barrier: disjoint inserts all land; one strict key, one winner.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { rowsOf, specGraph } from '../support/spec-graph.js';

const CHILD = fileURLToPath(new URL('../support/user-write-child.ts', import.meta.url));
const N = Number(process.env['OMNIGRAPH_RACE_CHILDREN'] ?? 4);

interface Done {
  readonly ok: boolean;
  readonly code?: string;
  readonly startAt: number;
  readonly endAt: number;
}

/** Spawn children, wait until all are ready, release them together, and collect their reports. */
async function race(uri: string, kind: 'mutate' | 'load', args: readonly string[]): Promise<Done[]> {
  const children: ChildProcess[] = args.map((a) => spawn(process.execPath, ['--import', 'tsx', CHILD, uri, kind, a], { stdio: ['pipe', 'pipe', 'pipe'], env: process.env }));
  const reports = children.map(
    (c) =>
      new Promise<{ ready: Promise<void>; done: Promise<Done> }>((resolveOuter) => {
        let out = '';
        let err = '';
        let readyResolve!: () => void;
        let doneResolve!: (d: Done) => void;
        const ready = new Promise<void>((r) => (readyResolve = r));
        const done = new Promise<Done>((r, reject) => {
          doneResolve = r;
          c.on('close', () => (out.includes('"type":"done"') ? undefined : reject(new Error(`child failed: ${err}`))));
        });
        c.stderr!.on('data', (d: Buffer) => (err += d.toString()));
        c.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          for (const line of out.split('\n')) {
            if (line.includes('"type":"ready"')) readyResolve();
            if (line.includes('"type":"done"')) doneResolve(JSON.parse(line) as Done);
          }
        });
        resolveOuter({ ready, done });
      }),
  );
  const handles = await Promise.all(reports);
  await Promise.all(handles.map((h) => h.ready));
  for (const c of children) c.stdin!.write('go\n');
  return Promise.all(handles.map((h) => h.done));
}

function expectOverlap(runs: readonly Done[]): void {
  expect(Math.max(...runs.map((r) => r.startAt))).toBeLessThan(Math.min(...runs.map((r) => r.endAt)));
}

describe.each(LANCE_BACKENDS)('user-write races ($name)', (backend) => {
  it(`${N} processes inserting disjoint keys all succeed`, async () => {
    const uri = backend.root('race-disjoint');
    await (await specGraph(uri)).close();
    const runs = await race(uri, 'mutate', Array.from({ length: N }, (_, i) => `racer${i}`));
    expectOverlap(runs);
    expect(runs.map((r) => r.code ?? 'ok')).toEqual(runs.map(() => 'ok'));
    const { Omnigraph } = await import('../../src/engine.js');
    const graph = await Omnigraph.open(uri, { mode: 'read-only' });
    try {
      expect((await rowsOf(graph, 'node', 'Person')).filter((p) => String(p.id).startsWith('racer'))).toHaveLength(N);
    } finally {
      await graph.close();
    }
  }, 180_000);

  it(`${N} strict appends of one key: exactly one winner, the rest key_conflict`, async () => {
    const uri = backend.root('race-same');
    await (await specGraph(uri)).close();
    const runs = await race(uri, 'load', Array.from({ length: N }, (_, i) => `{"type":"Person","data":{"name":"Same","age":${i}}}`));
    expectOverlap(runs);
    expect(runs.filter((r) => r.ok)).toHaveLength(1);
    expect(runs.filter((r) => !r.ok).map((r) => r.code)).toEqual(Array.from({ length: N - 1 }, () => 'key_conflict'));
  }, 180_000);
});
