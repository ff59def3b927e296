// Child process for crash tests: applies one large multi-table write set on main, with whatever failpoints are set.
import { Omnigraph } from '../../src/engine.js';
import { openWriteHarness } from './write-harness.js';
import { people, writeSet } from './write-sets.js';

const [uri, fromArg, countArg, epochArg] = process.argv.slice(2) as [string, string, string, string];
const from = Number(fromArg);
const count = Number(countArg);
const graph = await Omnigraph.open(uri, { mode: 'read-only' });
const h = await openWriteHarness(uri, Number(epochArg));
const ws = writeSet(graph.catalog, await graph.head(), [
  { kind: 'node', type: 'Person', mode: 'upsert', rows: people(from, from + count) },
  { kind: 'node', type: 'Company', mode: 'append', rows: Array.from({ length: count }, (_, k) => ({ id: `c${from + k}`, name: `C${from + k}` })) },
  { kind: 'edge', type: 'WorksAt', mode: 'append', rows: Array.from({ length: count }, (_, k) => ({ id: `e${from + k}`, src: `p${from + k}`, dst: `c${from + k}` })) },
]);
const r = await h.writer.apply(ws);
process.stdout.write(`${JSON.stringify({ ok: true, commitId: r?.commitId, operationId: ws.operationId })}\n`);
await h.close();
await graph.close();
