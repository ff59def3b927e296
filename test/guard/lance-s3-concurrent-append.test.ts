// Guard (S3 only): concurrent appends over s3:// lose no row — the store's conditional PUT is Lance's commit lock.
import { describe, expect, it } from 'vitest';
import { arrow, connectLance, rowsToArrow } from '../../src/store/lance/index.js';
import { S3_BACKEND } from '../support/lance-backends.js';

const WRITERS = 8;
const ROWS_EACH = 5;
const ROUNDS = 2;
const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false), new arrow.Field('writer', new arrow.Int32(), true)]);

describe('guard: concurrent appends on s3 (s3)', () => {
  it(`${WRITERS} appenders on separate connections commit every row, each in its own version`, async () => {
    const root = S3_BACKEND.root('guard-s3-append');
    const setup = await connectLance(root, { readConsistencyInterval: 0 });
    const observer = await setup.createTable('t', { schema, primaryKey: 'id', rows: rowsToArrow(schema, [{ id: 'seed', writer: -1 }]) });
    // Separate connections: separate object-store clients, racing each other at the S3 level.
    const handles = await Promise.all(Array.from({ length: WRITERS }, async () => (await connectLance(root)).openHead('t')));
    const expectedIds = ['seed'];
    for (let round = 0; round < ROUNDS; round++) {
      const batches = handles.map((_, w) => rowsToArrow(schema, Array.from({ length: ROWS_EACH }, (_, k) => ({ id: `r${round}-w${w}-${k}`, writer: w }))));
      const results = await Promise.all(handles.map((h, w) => h.append(batches[w]!)));
      const base = 1 + round * WRITERS;
      // Every append got its own version; together exactly the next WRITERS versions.
      expect(results.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: WRITERS }, (_, i) => base + 1 + i));
      for (let w = 0; w < WRITERS; w++) for (let k = 0; k < ROWS_EACH; k++) expectedIds.push(`r${round}-w${w}-${k}`);
    }
    expect(await observer.version()).toBe(1 + ROUNDS * WRITERS);
    const ids = (await observer.scan({ columns: ['id'] })).toArray().map((r) => String(r.id));
    expect(ids.sort()).toEqual(expectedIds.sort());
  });
});
