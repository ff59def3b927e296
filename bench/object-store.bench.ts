// Cost of one putIfAbsent / putIfMatch on file:// and s3:// (the test server), against raw writes in the same run.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, promises as fs, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFileObjectStore } from '../src/store/object/file.js';
import { openObjectStore } from '../src/store/object/open.js';
import type { ObjectStore, VersionToken } from '../src/store/object/types.js';
import startS3 from '../test/support/global-setup.js';
import { summarize, timeRuns, writeResult, type Summary } from './stats.js';

const N = Number(process.env['OMNIGRAPH_BENCH_N'] ?? 200);
const body = new TextEncoder().encode(JSON.stringify({ owner: '01JZ0000000000000000000000', epoch: 1, state: 'held' }));

async function measure(store: ObjectStore): Promise<{ putIfAbsent: Summary; putIfMatch: Summary }> {
  const putIfAbsent = await timeRuns(N, 10, (i) => store.putIfAbsent(`bench/create-${i}.json`, body));
  const first = await store.putIfAbsent('bench/cas.json', body);
  if (!first.ok) throw new Error('seed failed');
  let token: VersionToken = first.token;
  const putIfMatch = await timeRuns(N, 10, async () => {
    const r = await store.putIfMatch('bench/cas.json', body, token);
    if (!r.ok) throw new Error('cas lost without contention');
    token = r.token;
  });
  return { putIfAbsent: summarize(putIfAbsent), putIfMatch: summarize(putIfMatch) };
}

const root = mkdtempSync(path.join(tmpdir(), 'omnigraph-bench-obj-'));
const stopS3 = await startS3();
try {
  const file = await measure(createFileObjectStore(root));
  const rawFile = summarize(
    await timeRuns(N, 10, async (i) => {
      const p = path.join(root, `raw-${i}.json`);
      const h = await fs.open(p, 'w');
      await h.writeFile(body);
      await h.sync();
      await h.close();
    }),
  );
  const s3uri = `s3://${process.env['OMNIGRAPH_TEST_S3_BUCKET']}/bench`;
  const s3 = await measure(openObjectStore(s3uri));
  const client = new S3Client({ endpoint: process.env['AWS_ENDPOINT_URL_S3']!, forcePathStyle: true, region: 'us-east-1' });
  const rawS3 = summarize(
    await timeRuns(N, 10, (i) =>
      client.send(new PutObjectCommand({ Bucket: process.env['OMNIGRAPH_TEST_S3_BUCKET']!, Key: `raw/${i}-${Math.random()}`, Body: body, IfNoneMatch: '*' })),
    ),
  );
  client.destroy();
  writeResult('object-store', {
    runs: N,
    file: { ...file, rawWriteFsync: rawFile, ratioPutIfAbsentToRaw: round(file.putIfAbsent.medianMs / rawFile.medianMs) },
    s3TestServer: { ...s3, rawSdkPutIfNoneMatch: rawS3, ratioPutIfAbsentToRaw: round(s3.putIfAbsent.medianMs / rawS3.medianMs) },
  });
} finally {
  await stopS3();
  rmSync(root, { recursive: true, force: true });
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}
