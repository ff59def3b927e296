// Eight agents write eight branches from separate processes at once; merged back one by one, the result is the union.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { OmniError } from '../../src/errors/index.js';
import { AGENT_QUERIES, type AgentPlan } from '../support/agent-child.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { rowsOf } from '../support/spec-graph.js';

const CHILD = fileURLToPath(new URL('../support/agent-child.ts', import.meta.url));
const AGENTS = 8;
const SCHEMA = `
node Person { name: String @key  age: I32? }
edge Knows: Person -> Person
`;

/** Agent i: its own inserts, edges, updates and a delete; agents 2j and 2j+1 both update `shared<j>` (a conflict). */
function planOf(i: number): AgentPlan {
  return {
    branch: `agent-${i}`,
    inserts: [0, 1, 2].map((k) => ({ name: `a${i}-new-${k}`, age: 10 * i + k })),
    edges: [{ from: `a${i}-new-0`, to: `p${i}` }],
    updates: [{ name: `p${10 + i}`, age: 100 + i }, { name: `shared${Math.floor(i / 2)}`, age: 200 + i }],
    deletes: [`d${i}`],
  };
}

interface AgentRun {
  readonly ready: Promise<void>;
  readonly done: Promise<{ ok: boolean; startAt: number; endAt: number; code?: string; message?: string }>;
  go(): void;
}

function spawnAgent(uri: string, plan: AgentPlan): AgentRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, uri, JSON.stringify(plan)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((r) => (onReady = r));
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    if (out.includes('"ready"')) onReady();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const done = new Promise<{ ok: boolean; startAt: number; endAt: number }>((resolve, reject) => {
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.includes('"done"'));
      if (code !== 0 || line === undefined) reject(new Error(`agent ${plan.branch} exited ${code}: ${err}`));
      else resolve(JSON.parse(line));
    });
  });
  return { ready, done, go: () => child.stdin.end('go\n') };
}

describe.each(LANCE_BACKENDS)('many agents ($name)', (backend) => {
  it(`${AGENTS} agents on ${AGENTS} branches in separate processes; merges report conflicts exactly where two touched one entity`, async () => {
    const uri = backend.root('many-agents');
    const base: string[] = [];
    for (let i = 0; i < 20; i++) base.push(`{"type":"Person","data":{"name":"p${i}","age":${i}}}`);
    for (let i = 0; i < AGENTS; i++) base.push(`{"type":"Person","data":{"name":"d${i}","age":1}}`);
    for (let j = 0; j < AGENTS / 2; j++) base.push(`{"type":"Person","data":{"name":"shared${j}","age":0}}`);
    base.push('{"edge":"Knows","from":"p0","to":"p1"}');
    const g0 = await Omnigraph.init(uri, SCHEMA);
    await g0.load({ text: base.join('\n') }, { mode: 'append' });
    await g0.close();

    const plans = Array.from({ length: AGENTS }, (_, i) => planOf(i));
    const agents = plans.map((p) => spawnAgent(uri, p));
    await Promise.all(agents.map((a) => a.ready));
    for (const a of agents) a.go();
    const runs = await Promise.all(agents.map((a) => a.done));
    expect(runs.filter((r) => !r.ok)).toEqual([]);
    // The agents really ran at the same time: every one started before the first finished.
    expect(Math.max(...runs.map((r) => r.startAt))).toBeLessThan(Math.min(...runs.map((r) => r.endAt)));

    const g = await Omnigraph.open(uri, { mode: 'read-write' });
    try {
      const outcomes: string[] = [];
      for (const [i, plan] of plans.entries()) {
        const first = await g.branchMerge(plan.branch).then(
          (r) => r,
          (e: unknown) => e as OmniError,
        );
        if (i % 2 === 0) {
          expect(first).not.toBeInstanceOf(OmniError);
          outcomes.push((first as { outcome: string }).outcome);
          continue;
        }
        // The odd agent touched `shared<j>` like its even partner: exactly that one conflict, nothing written.
        expect(first).toBeInstanceOf(OmniError);
        expect((first as OmniError).code).toBe('merge_conflicts');
        expect(((first as OmniError).details!['conflicts'] as Record<string, unknown>[]).map((c) => [c['kind'], c['type_key'], c['entity_id']])).toEqual([
          ['divergent_update', 'node:Person', `shared${Math.floor(i / 2)}`],
        ]);
        // Reconcile on the branch (take main's value), then the merge lands.
        await g.mutate(AGENT_QUERIES, { name: 'set_age', params: { n: `shared${Math.floor(i / 2)}`, a: 200 + i - 1 }, branch: plan.branch });
        outcomes.push((await g.branchMerge(plan.branch, { deleteBranch: true })).outcome);
      }
      expect(outcomes[0]).toBe('fast_forward');
      expect(outcomes.slice(1)).toEqual(Array(AGENTS - 1).fill('merged'));

      const ages = Object.fromEntries((await rowsOf(g, 'node', 'Person')).map((p) => [p.id, p.age]));
      const want: Record<string, number> = {};
      for (let i = 0; i < 20; i++) want[`p${i}`] = i;
      for (let j = 0; j < AGENTS / 2; j++) want[`shared${j}`] = 200 + 2 * j;
      for (const [i, p] of plans.entries()) {
        for (const n of p.inserts) want[n.name] = n.age;
        want[`p${10 + i}`] = 100 + i;
      }
      expect(ages).toEqual(want);
      const edges = (await rowsOf(g, 'edge', 'Knows')).map((e) => `${String(e.src)}->${String(e.dst)}`).sort();
      expect(edges).toEqual(['p0->p1', ...plans.map((p, i) => `a${i}-new-0->p${i}`)].sort());
      expect((await g.branches()).map((b) => b.name)).toEqual(['main', 'agent-0', 'agent-2', 'agent-4', 'agent-6']);
    } finally {
      await g.close();
    }
  }, 600_000);
});
