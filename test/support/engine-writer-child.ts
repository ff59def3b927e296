// Child process: open a graph read-write and commit one multi-table write set through the engine (lease included).
import { Omnigraph } from '../../src/engine.js';
import { people, writeSet } from './write-sets.js';

const [uri, fromArg, countArg, ttlArg] = process.argv.slice(2) as [string, string, string, string];
const from = Number(fromArg);
const count = Number(countArg);
const graph = await Omnigraph.open(uri, { mode: 'read-write', lease: { ttlMs: Number(ttlArg), waitMs: 60_000, lingerMs: 0 } });
process.stdout.write(`${JSON.stringify({ type: 'ready', readAt: Date.now() })}\n`);
for await (const line of process.stdin) if (String(line).includes('go')) break;
const startAt = Date.now();
let result: unknown;
for (let attempt = 0; ; attempt++) {
  try {
    const ws = writeSet(graph.catalog, await graph.head(), [
      { kind: 'node', type: 'Person', mode: 'upsert', rows: people(from, from + count) },
      { kind: 'node', type: 'Company', mode: 'append', rows: Array.from({ length: count }, (_, k) => ({ id: `c${from + k}`, name: `C${from + k}` })) },
    ]);
    result = { ok: true, commitId: (await graph.applyWriteSet(ws))?.commitId, attempts: attempt + 1 };
    break;
  } catch (err) {
    // Another process published between our head read and our turn at the lease: prepare again.
    if ((err as { code?: string }).code !== 'read_set_conflict' || attempt > 20) {
      result = { ok: false, code: (err as { code?: string }).code, message: (err as Error).message };
      break;
    }
  }
}
process.stdout.write(`${JSON.stringify({ type: 'done', startAt, endAt: Date.now(), ...(result as object) })}\n`);
await graph.close();
process.exit(0);
