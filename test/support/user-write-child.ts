// Child process: open a graph, wait at the start barrier ("go" on stdin), then run one mutation or load and report.
import { Omnigraph } from '../../src/engine.js';

const [uri, kind, arg] = process.argv.slice(2) as [string, 'mutate' | 'load', string];
const graph = await Omnigraph.open(uri, { mode: 'read-write', lease: { ttlMs: 5_000, waitMs: 60_000, lingerMs: 0 } });
process.stdout.write(`${JSON.stringify({ type: 'ready' })}\n`);
for await (const line of process.stdin) if (String(line).includes('go')) break;
const startAt = Date.now();
let result: Record<string, unknown>;
try {
  if (kind === 'mutate') {
    const r = await graph.mutate('query add($n: String) { insert Person { name: $n } }', { params: { n: arg } });
    result = { ok: true, commitId: r.commit?.commitId };
  } else {
    const r = await graph.load({ text: arg }, { mode: 'append' });
    result = { ok: true, commitId: r.commit?.commitId };
  }
} catch (err) {
  result = { ok: false, code: (err as { code?: string }).code, message: (err as Error).message };
}
process.stdout.write(`${JSON.stringify({ type: 'done', startAt, endAt: Date.now(), ...result })}\n`);
await graph.close();
process.exit(0);
