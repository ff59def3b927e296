// Test-only data writes on a graph (until the write protocol lands): append rows to one table on a branch and publish its pin.
import { Omnigraph } from '../../src/engine.js';
import { tableIdOf, type PublishRequest } from '../../src/manifest/index.js';
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
 * Append `rows` (by property name; `id` required) to node type `typeName` on `options.branch` (default main) and
 * publish the new pin with an exact head precondition. On a branch other than main, a table whose pin the branch
 * inherited is first forked lazily (`f-<ULID>` from the pinned native branch and version), as the write path does.
 * Returns the commit id, the manifest version, the table version and the native branch written.
 */
export async function appendAndPublish(graph: Omnigraph, typeName: string, rows: readonly Record<string, unknown>[], options: { readonly branch?: string } = {}) {
  const branch = options.branch ?? 'main';
  const type = graph.catalog.nodes[typeName];
  if (type === undefined) throw new Error(`no node type ${typeName}`);
  const tableId = tableIdOf('node', type.table.identity);
  const snapshot = await graph.snapshot({ branch });
  const pin = snapshot.table('node', typeName)!;
  const head = await graph.head(branch);
  const owned = branch === 'main' ? pin.branch === null : pin.branch !== null && (await graph.commits({ branch })).find((c) => c.id === pin.publishedBy)?.branch === branch;
  const conn = await connectLance(graph.uri);
  try {
    let table = await conn.openHead(tableId, pin.branch);
    if (!owned) {
      const base = table;
      table = await base.createBranch(`f-${newUlid()}`, { version: pin.version });
      base.close();
    }
    const columns = type.table.columns;
    const physical = rows.map((r) => Object.fromEntries(columns.map((c) => [c.name, c.property === null ? r[c.name] : r[c.property]])));
    const { version } = await table.append(rowsToArrow(schemaFromColumns(columns), physical));
    const writeBranch = table.branch;
    table.close();
    const r = await graph.__unsafePublish({
      branch,
      precondition: { kind: 'exact', head },
      expectedPins: new Map([[tableId, { branch: pin.branch, version: pin.version }]]),
      registrations: [],
      pins: [{ tableId, tableKey: pin.tableKey, branch: writeBranch, version, rowCount: pin.rowCount + rows.length, deletedIds: [], fullRewrite: false }],
      tombstones: [],
      commit: { id: newUlid(), actor: 'test', createdAtMicros: nowMicros(), kind: 'test', message: null, operationId: null },
    });
    return { commitId: r.commitId, manifestVersion: r.manifestVersion, tableVersion: version, tableBranch: writeBranch };
  } finally {
    conn.close();
  }
}

/** A publish on `main` that pins nothing: one more commit on the lineage, whatever the head (precondition `current`). */
export function lineageRequest(actor = 'tester', kind = 'test'): PublishRequest {
  return {
    branch: 'main',
    precondition: { kind: 'current' },
    expectedPins: new Map(),
    registrations: [],
    pins: [],
    tombstones: [],
    commit: { id: newUlid(), actor, createdAtMicros: nowMicros(), kind, message: null, operationId: null },
  };
}
