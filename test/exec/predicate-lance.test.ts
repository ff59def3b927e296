// Property test: on random rows and filters, the Lance SQL of lowerFilter selects exactly what evaluateFilter accepts.
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { makeWriteSet } from '../../src/exec/writeset/index.js';
import { evaluateFilter, lowerFilter, typeColumnResolver, type FilterExpr } from '../../src/exec/predicate/index.js';
import { stagedToArrow } from '../../src/exec/staging/physical-rows.js';
import { tableIdOf } from '../../src/manifest/index.js';
import type { LogicalValue } from '../../src/compiler/index.js';
import { FILTER_SCHEMA, randomFilter, randomRows, rng } from '../support/random-filters.js';
import { tempDir } from '../support/temp.js';

const ROUNDS = Number(process.env.OMNIGRAPH_PREDICATE_ROUNDS ?? 400);
const SEED = Number(process.env.OMNIGRAPH_PREDICATE_SEED ?? 20261121);

describe('predicate lowering agrees with the evaluator on real LanceDB', () => {
  it(`${ROUNDS} random filters over 120 random rows`, async () => {
    const graph = await Omnigraph.init(tempDir('pred'), FILTER_SCHEMA);
    try {
      const type = graph.catalog.nodes.R!;
      const r = rng(SEED);
      const rows = randomRows(r, 120);
      await graph.applyWriteSet(
        makeWriteSet({
          branch: 'main',
          expectedHead: await graph.head(),
          writerKind: 'load',
          tables: [{ tableId: tableIdOf('node', type.table.identity), tableKey: 'node:R', mode: 'append', rows: stagedToArrow(type, rows), deleteIds: [] }],
        }),
      );
      const snap = await graph.snapshot();
      const table = await snap.open(snap.table('node', 'R')!);
      let lowered = 0;
      const failures: string[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const params: Record<string, LogicalValue> = {};
        const filter: FilterExpr = randomFilter(r, type, params);
        const values = { params, nowMillis: 0 };
        const sql = lowerFilter(filter, { ...values, column: typeColumnResolver(type) });
        if (sql === null) continue;
        lowered++;
        const expected = rows.filter((row) => evaluateFilter(filter, row.values, values)).map((row) => row.id).sort();
        let got: string[];
        try {
          const t = await table.scan({ filter: sql, columns: ['id'] });
          const ids = t.getChild("id");
          got = Array.from({ length: t.numRows }, (_, i) => String(ids?.get(i))).sort();
        } catch (err) {
          failures.push(`${sql}: ${(err as Error).message.slice(0, 300)}`);
          continue;
        }
        if (JSON.stringify(got) !== JSON.stringify(expected)) failures.push(`${sql}: lance ${got.length} rows, evaluator ${expected.length}; diff ${got.filter((x) => !expected.includes(x)).concat(expected.filter((x) => !got.includes(x))).slice(0, 5).join(',')}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
      expect(lowered).toBeGreaterThan(ROUNDS * 0.8);
    } finally {
      await graph.close();
    }
  }, 300_000);
});
