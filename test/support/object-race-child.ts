// Child of the ObjectStore race: read the key, report, wait for "go" on stdin, then write and report.
import { createInterface } from 'node:readline';
import { openObjectStore } from '../../src/store/object/open.js';

const [uri, op, key] = process.argv.slice(2) as [string, 'create' | 'cas', string];
const store = openObjectStore(uri);
const before = await store.get(key);
const print = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
print({ type: 'ready', readAt: Date.now(), token: before?.token ?? null });

const rl = createInterface({ input: process.stdin });
for await (const line of rl) {
  if (line.trim() === 'go') break;
}
const body = `winner-${process.pid}`;
const bytes = new TextEncoder().encode(body);
const writeStartAt = Date.now();
const result = op === 'create' ? await store.putIfAbsent(key, bytes) : await store.putIfMatch(key, bytes, before!.token);
const writeEndAt = Date.now();
print({ type: 'done', pid: process.pid, writeStartAt, writeEndAt, body, ...(result.ok ? { ok: true } : { ok: false, reason: result.reason }) });
await store.close();
process.exit(0);
