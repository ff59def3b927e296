// Child process: one agent — open the graph read-write, wait at the start barrier ("go" on stdin), create its branch, run its planned mutations, report.
import { Omnigraph } from '../../src/engine.js';

/** What one agent does on its own branch. */
export interface AgentPlan {
  readonly branch: string;
  readonly inserts: readonly { name: string; age: number }[];
  readonly edges: readonly { from: string; to: string }[];
  readonly updates: readonly { name: string; age: number }[];
  readonly deletes: readonly string[];
}

export const AGENT_QUERIES = `
query add($n: String, $a: I32) { insert Person { name: $n, age: $a } }
query link($a: String, $b: String) { insert Knows { from: $a, to: $b } }
query set_age($n: String, $a: I32) { update Person set { age: $a } where name = $n }
query del($n: String) { delete Person where name = $n }
`;

if (process.argv[1]?.endsWith('agent-child.ts')) {
  const [uri, planJson] = process.argv.slice(2) as [string, string];
  const plan = JSON.parse(planJson) as AgentPlan;
  let result: Record<string, unknown>;
  const graph = await Omnigraph.open(uri, { mode: 'read-write', lease: { ttlMs: 5_000, waitMs: 120_000, lingerMs: 0 } });
  // The start barrier: every agent is open before any writes.
  process.stdout.write(`${JSON.stringify({ type: 'ready' })}\n`);
  for await (const line of process.stdin) if (String(line).includes('go')) break;
  const startAt = Date.now();
  try {
    const run = (name: string, params: Record<string, unknown>) => graph.mutate(AGENT_QUERIES, { name, params, branch: plan.branch, actor: `agent:${plan.branch}` });
    await graph.branchCreate(plan.branch);
    for (const p of plan.inserts) await run('add', { n: p.name, a: p.age });
    for (const e of plan.edges) await run('link', { a: e.from, b: e.to });
    for (const u of plan.updates) await run('set_age', { n: u.name, a: u.age });
    for (const d of plan.deletes) await run('del', { n: d });
    result = { ok: true, head: (await graph.head(plan.branch)).commitId };
  } catch (err) {
    result = { ok: false, code: (err as { code?: string }).code, message: (err as Error).message };
  } finally {
    await graph.close();
  }
  process.stdout.write(`${JSON.stringify({ type: 'done', startAt, endAt: Date.now(), ...result })}\n`);
  process.exit(0);
}
