// The worked-example graph of the query spec (§12.1): schema, JSONL data, and helpers to build and count it.
import { Omnigraph } from '../../src/engine.js';

/** The §12.1 schema. */
export const SPEC_SCHEMA = `
node Person  { name: String @key  age: I32?  tags: [String]? }
node Company { name: String @key  industry: enum(finance, retail, software) }
edge Knows:   Person -> Person  { since: Date? }
edge WorksAt: Person -> Company { role: String? }
`;

/** The §12.1 data as strict JSONL. */
export const SPEC_DATA = [
  '{"type":"Person","data":{"name":"Alice","age":30,"tags":["rust","db"]}}',
  '{"type":"Person","data":{"name":"Bob","age":25,"tags":["go"]}}',
  '{"type":"Person","data":{"name":"Charlie","age":35}}',
  '{"type":"Person","data":{"name":"Diana","age":28,"tags":["rust"]}}',
  '{"type":"Person","data":{"name":"Eve"}}',
  '{"type":"Company","data":{"name":"Acme","industry":"software"}}',
  '{"type":"Company","data":{"name":"Globex","industry":"finance"}}',
  '{"type":"Company","data":{"name":"Initech","industry":"retail"}}',
  '{"edge":"Knows","from":"Alice","to":"Bob","data":{"since":"2020-05-01"}}',
  '{"edge":"Knows","from":"Alice","to":"Charlie"}',
  '{"edge":"Knows","from":"Bob","to":"Diana","data":{"since":"2024-11-30"}}',
  '{"edge":"Knows","from":"Charlie","to":"Diana","data":{"since":"2019-03-10"}}',
  '{"edge":"WorksAt","from":"Alice","to":"Acme","data":{"role":"engineer"}}',
  '{"edge":"WorksAt","from":"Bob","to":"Globex","data":{"role":"analyst"}}',
  '{"edge":"WorksAt","from":"Diana","to":"Acme","data":{"role":"manager"}}',
].join('\n');

/** A fresh graph at `root` holding the §12.1 data on main. */
export async function specGraph(root: string, schema = SPEC_SCHEMA, data = SPEC_DATA): Promise<Omnigraph> {
  const graph = await Omnigraph.init(root, schema);
  await graph.load({ text: data }, { mode: 'append' });
  return graph;
}

/** Every row of a type on a branch, by property name plus `id` (and `src`/`dst` for edges), sorted by id. */
export async function rowsOf(graph: Omnigraph, kind: 'node' | 'edge', typeName: string, branch = 'main'): Promise<Record<string, unknown>[]> {
  const snap = await graph.snapshot({ branch });
  const pin = snap.table(kind, typeName);
  if (pin === undefined) return [];
  const type = kind === 'node' ? graph.catalog.nodes[typeName]! : graph.catalog.edges[typeName]!;
  const t = await (await snap.open(pin)).scan();
  const out: Record<string, unknown>[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const row: Record<string, unknown> = {};
    for (const c of type.table.columns) {
      const v = t.getChild(c.name)?.get(i) ?? null;
      row[c.property ?? c.name] = v !== null && typeof v === 'object' && 'toArray' in v ? [...(v as Iterable<unknown>)] : v;
    }
    out.push(row);
  }
  return out.sort((a, b) => String(a.id).localeCompare(String(b.id)));
}
