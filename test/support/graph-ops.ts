// Test-only data writes on a graph (until the write protocol lands): append rows to one table and publish its pin.
import { Omnigraph } from '../../src/engine.js';
import { tableIdOf } from '../../src/manifest/index.js';
import { connectLance, rowsToArrow, schemaFromColumns } from '../../src/store/lance/index.js';
import { newUlid, nowMicros } from '../../src/util/ids.js';

/** Schema used by the graph-store suites. */
export const TEST_SCHEMA = `
node Person {
  name: String @key
  age: I32?
}
node Company {
  name: String @key
}
edge WorksAt: Person -> Company
`;

/**
 * Append `rows` (by property name; `id` required) to node type `typeName` on main and publish the new pin with an
 * exact head precondition. Returns the commit id, the manifest version and the table version.
 */
export async function appendAndPublish(graph: Omnigraph, typeName: string, rows: readonly Record<string, unknown>[]) {
  const type = graph.catalog.nodes[typeName];
  if (type === undefined) throw new Error(`no node type ${typeName}`);
  const tableId = tableIdOf('node', type.table.identity);
  const snapshot = await graph.snapshot();
  const pin = snapshot.table('node', typeName)!;
  const head = await graph.head();
  const conn = await connectLance(graph.uri);
  try {
    const table = await conn.openHead(tableId);
    const columns = type.table.columns;
    const physical = rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, c.property === null ? r[c.name] : r[c.property]])));
    const { version } = await table.append(rowsToArrow(schemaFromColumns(columns), physical));
    table.close();
    const r = await graph.__unsafePublish({
      branch: 'main',
      precondition: { kind: 'exact', head },
      expectedPins: new Map([[tableId, { branch: pin.branch, version: pin.version }]]),
      registrations: [],
      pins: [{ tableId, tableKey: pin.tableKey, branch: null, version, rowCount: pin.rowCount + rows.length, deletedIds: [], fullRewrite: false }],
      tombstones: [],
      commit: { id: newUlid(), actor: 'test', createdAtMicros: nowMicros(), kind: 'test', message: null, operationId: null },
    });
    return { commitId: r.commitId, manifestVersion: r.manifestVersion, tableVersion: version };
  } finally {
    conn.close();
  }
}
