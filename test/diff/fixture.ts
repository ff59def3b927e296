// A small graph for the diff and change-feed suites: schema, base data, mutation queries and helpers.
import { Omnigraph } from '../../src/engine.js';
import { tempDir } from '../support/temp.js';

/** Two node types and two edge types, so ordering by kind and by type is observable. */
export const SCHEMA = `
node Person  { name: String @key  age: I32?  born: Date? }
node Company { name: String @key }
edge Knows:   Person -> Person  { since: Date? }
edge WorksAt: Person -> Company
`;

/** Base data with explicit edge ids (so a re-load rewrites the same edges). */
export const BASE = [
  '{"type":"Person","data":{"name":"Alice","age":30,"born":"1994-01-02"}}',
  '{"type":"Person","data":{"name":"Bob","age":25}}',
  '{"type":"Person","data":{"name":"Carol","age":40}}',
  '{"type":"Company","data":{"name":"Acme"}}',
  '{"edge":"Knows","from":"Alice","to":"Bob","data":{"id":"k1","since":"2020-05-01"}}',
  '{"edge":"Knows","from":"Bob","to":"Carol","data":{"id":"k2"}}',
  '{"edge":"WorksAt","from":"Alice","to":"Acme","data":{"id":"w1"}}',
].join('\n');

/** Mutations the suites run by name. */
export const Q = `
query add_person($name: String, $age: I32?) { insert Person { name: $name, age: $age } }
query set_age($name: String, $age: I32) { update Person set { age: $age } where name = $name }
query remove_person($name: String) { delete Person where name = $name }
query befriend($a: String, $b: String) { insert Knows { from: $a, to: $b } }
query unfriend($a: String) { delete Knows where from = $a }
query add_company($name: String) { insert Company { name: $name } }
query hire($p: String, $c: String) { insert WorksAt { from: $p, to: $c } }
`;

/** A fresh graph holding {@link BASE} on main (genesis, then one load commit). */
export async function baseGraph(label: string): Promise<Omnigraph> {
  const g = await Omnigraph.init(tempDir(label), SCHEMA);
  await g.load({ text: BASE }, { mode: 'append' });
  return g;
}

/** Run mutation `name` on `branch` (default main); returns the new head commit id. */
export async function run(g: Omnigraph, name: string, params: Record<string, unknown> = {}, branch = 'main'): Promise<string> {
  await g.mutate(Q, { name, params, branch });
  return (await g.head(branch)).commitId;
}

/** `op kind type id` strings of a list of changes, in their order. */
export function ops(changes: readonly { op: string; kind: string; id: string; type_name?: string; type?: { name: string } }[]): string[] {
  return changes.map((c) => `${c.op} ${c.kind} ${c.type_name ?? c.type?.name} ${c.id}`);
}
