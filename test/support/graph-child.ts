// A scripted child process for multi-process graph tests: reads JSON commands on stdin, answers one JSON line each.
import { createInterface } from 'node:readline';
import { Omnigraph } from '../../src/engine.js';
import { toOmniError } from '../../src/errors/index.js';
import type { HeadRecord } from '../../src/manifest/index.js';
import { newUlid, nowMicros } from '../../src/util/ids.js';
import { appendAndPublish } from './graph-ops.js';

type Command =
  | { cmd: 'init'; uri: string; schema: string }
  | { cmd: 'open'; uri: string; mode: 'read-write' | 'read-only' }
  | { cmd: 'read-head'; branch?: string }
  | { cmd: 'publish'; message: string; branch?: string }
  | { cmd: 'append'; typeName: string; rows: Record<string, unknown>[]; branch?: string }
  | { cmd: 'branch-create'; name: string; from?: string }
  | { cmd: 'branch-delete'; name: string }
  | { cmd: 'exit' };

let graph: Omnigraph | undefined;
let head: HeadRecord | undefined;
const say = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

for await (const line of createInterface({ input: process.stdin })) {
  const c = JSON.parse(line) as Command;
  const startAt = Date.now();
  try {
    switch (c.cmd) {
      case 'init':
        graph = await Omnigraph.init(c.uri, c.schema);
        say({ ok: true, startAt, endAt: Date.now() });
        break;
      case 'open':
        graph = await Omnigraph.open(c.uri, { mode: c.mode });
        say({ ok: true });
        break;
      case 'read-head': {
        const branch = c.branch ?? 'main';
        const snap = await graph!.snapshot({ branch });
        const state = await graph!.commits({ branch });
        head = { branch, incarnation: (await graph!.head(branch)).incarnation, commitId: snap.headCommitId! };
        say({ ok: true, head, commits: state.length, readAt: Date.now() });
        break;
      }
      case 'publish': {
        const r = await graph!.__unsafePublish({
          branch: c.branch ?? head!.branch,
          precondition: { kind: 'exact', head: head! },
          expectedPins: new Map(),
          registrations: [],
          pins: [],
          tombstones: [],
          commit: { id: newUlid(), actor: `child-${process.pid}`, createdAtMicros: nowMicros(), kind: 'test', message: c.message, operationId: null },
        });
        say({ ok: true, commitId: r.commitId, manifestVersion: r.manifestVersion, startAt, endAt: Date.now() });
        break;
      }
      case 'append': {
        const r = await appendAndPublish(graph!, c.typeName, c.rows, c.branch === undefined ? {} : { branch: c.branch });
        say({ ok: true, ...r });
        break;
      }
      case 'branch-create': {
        const b = await graph!.branchCreate(c.name, c.from === undefined ? {} : { from: c.from });
        say({ ok: true, branch: b, startAt, endAt: Date.now() });
        break;
      }
      case 'branch-delete': {
        const r = await graph!.branchDelete(c.name);
        say({ ok: true, result: r, startAt, endAt: Date.now() });
        break;
      }
      case 'exit':
        await graph?.close();
        say({ ok: true });
        process.exit(0);
    }
  } catch (err) {
    const e = toOmniError(err);
    say({ ok: false, code: e.code, message: e.message, startAt, endAt: Date.now() });
  }
}
