// Child of the poison-CAS guard: per round, pre-read the head, wait for "go", publish with the CAS, report.
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { OmniError } from '../../src/errors/index.js';
import { connectLance, poisonCasCondition, rowsToArrow, sqlString, type ArrowTable } from '../../src/store/lance/index.js';
import { CAS_SCHEMA, HEAD_ID, roundRowIds } from './lance-cas-schema.js';

const [uri, table, writer, rowsPerPublish] = process.argv.slice(2) as [string, string, string, string];
const print = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
const now = (): number => performance.timeOrigin + performance.now();

// A manifest-style handle: every read checks for other writers' commits.
const conn = await connectLance(uri, { readConsistencyInterval: 0 });
const head = await conn.openHead(table);
print({ type: 'hello', writer });

let expected: string | null = null;
let newHead = '';
let publish: ArrowTable | null = null;
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const [command, roundText] = line.trim().split(' ');
  const round = Number(roundText);
  if (command === 'prepare') {
    const rows = await head.scan({ filter: `object_id = ${sqlString(HEAD_ID)}`, columns: ['head_cas'] });
    // The publisher refuses when the pre-read finds no head row: the insert path would bypass the CAS.
    expected = rows.numRows === 1 ? String(rows.getChild('head_cas')?.get(0)) : null;
    // Build the publish now, so that "go" starts the write at once.
    newHead = `inc0:r${round}-${writer}`;
    publish =
      expected === null
        ? null
        : rowsToArrow(CAS_SCHEMA, [
            { object_id: HEAD_ID, head_cas: newHead, parent: expected, writer },
            ...roundRowIds(round, writer, Number(rowsPerPublish)).map((id) => ({ object_id: id, head_cas: null, parent: null, writer })),
          ]);
    print({ type: 'ready', writer, round, expected, readAt: now() });
  } else if (command === 'go') {
    if (expected === null || publish === null) {
      print({ type: 'done', writer, round, ok: false, code: 'no_head_row' });
      continue;
    }
    const writeStartAt = now();
    try {
      const result = await head.mergeInsert(publish, { on: 'object_id', whenMatchedUpdate: { where: poisonCasCondition('head_cas', expected) }, whenNotMatchedInsert: true });
      print({ type: 'done', writer, round, ok: true, newHead, result, writeStartAt, writeEndAt: now() });
    } catch (err) {
      const code = err instanceof OmniError ? err.code : 'unclassified';
      const casLost = err instanceof OmniError ? err.details['casLost'] === true : false;
      print({ type: 'done', writer, round, ok: false, code, casLost, message: String((err as Error).message).slice(0, 300), writeStartAt, writeEndAt: now() });
    }
  } else if (command === 'exit') {
    break;
  }
}
head.close();
conn.close();
process.exit(0);
