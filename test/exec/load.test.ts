// The bulk loader on both backends: every mode, branches, each store-dependent check, and the malformed-JSONL cases.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Omnigraph } from '../../src/engine.js';
import { LANCE_BACKENDS } from '../support/lance-backends.js';
import { SPEC_DATA, SPEC_SCHEMA, rowsOf, specGraph } from '../support/spec-graph.js';
import { tempDir } from '../support/temp.js';
import { expectRefused } from '../support/write-checks.js';

const CONSTRAINED = `
node User { email: String @key  handle: String? @unique  score: I32? @range(score, 0..100)  code: String? @check(code, "^[A-Z]+$") }
node Team { name: String @key }
edge Member: User -> Team @card(0..1)
edge Lead: Team -> User @card(1..)
`;

describe.each(LANCE_BACKENDS)('load ($name)', (backend) => {
  it('append loads the spec data as one commit and reports per-type counts', async () => {
    const graph = await Omnigraph.init(backend.root('load-append'), SPEC_SCHEMA);
    try {
      const before = (await graph.commits()).length;
      const r = await graph.load({ text: SPEC_DATA }, { mode: 'append', actor: 'loader' });
      expect(r.nodes).toEqual([{ name: 'Company', entities_loaded: 3 }, { name: 'Person', entities_loaded: 5 }]);
      expect(r.edges).toEqual([{ name: 'Knows', entities_loaded: 4 }, { name: 'WorksAt', entities_loaded: 3 }]);
      expect(r.totalEntities).toBe(15);
      expect((await graph.commits()).length).toBe(before + 1);
      expect((await graph.commit(r.commit!.commitId)).actor).toBe('loader');
      const people = await rowsOf(graph, 'node', 'Person');
      expect(people.map((p) => p.id)).toEqual(['Alice', 'Bob', 'Charlie', 'Diana', 'Eve']);
      expect(people[0]).toMatchObject({ name: 'Alice', age: 30, tags: ['rust', 'db'] });
    } finally {
      await graph.close();
    }
  });

  it('append refuses an existing key with key_conflict and writes nothing', async () => {
    const graph = await specGraph(backend.root('load-conflict'));
    try {
      const err = await expectRefused(graph, 'key_conflict', () => graph.load({ text: '{"type":"Person","data":{"name":"Zed"}}\n{"type":"Person","data":{"name":"Bob"}}' }, { mode: 'append' }));
      expect(err.message).toMatch(/'Bob' already exists \(line 2\)/);
    } finally {
      await graph.close();
    }
  });

  it('merge upserts whole rows; overwrite replaces only the types in the file', async () => {
    const graph = await specGraph(backend.root('load-merge'));
    try {
      await graph.load({ text: '{"type":"Person","data":{"name":"Alice","age":31}}\n{"type":"Person","data":{"name":"Zed"}}' }, { mode: 'merge' });
      const people = await rowsOf(graph, 'node', 'Person');
      expect(people.find((p) => p.id === 'Alice')).toMatchObject({ age: 31, tags: null });
      expect(people).toHaveLength(6);
      await graph.load({ text: '{"type":"Company","data":{"name":"Umbrella","industry":"retail"}}\n{"edge":"WorksAt","from":"Alice","to":"Umbrella"}' }, { mode: 'overwrite' });
      expect((await rowsOf(graph, 'node', 'Company')).map((c) => c.id)).toEqual(['Umbrella']);
      expect((await rowsOf(graph, 'edge', 'WorksAt')).map((e) => `${e.src}->${e.dst}`)).toEqual(['Alice->Umbrella']);
      expect(await rowsOf(graph, 'node', 'Person')).toHaveLength(6);
    } finally {
      await graph.close();
    }
  });

  it('overwrite refuses to leave a retained edge pointing at a removed node', async () => {
    const graph = await specGraph(backend.root('load-dangling'));
    try {
      const err = await expectRefused(graph, 'constraint_violation', () => graph.load({ text: '{"type":"Person","data":{"name":"Alice"}}' }, { mode: 'overwrite' }));
      expect(err.message).toMatch(/not found in Person/);
    } finally {
      await graph.close();
    }
  });

  it('loads into an existing branch only', async () => {
    const graph = await specGraph(backend.root('load-branch'));
    try {
      await graph.branchCreate('feature');
      await graph.load({ text: '{"type":"Person","data":{"name":"Branchy"}}' }, { mode: 'append', branch: 'feature' });
      expect(await rowsOf(graph, 'node', 'Person', 'feature')).toHaveLength(6);
      expect(await rowsOf(graph, 'node', 'Person')).toHaveLength(5);
      await expectRefused(graph, 'branch_not_found', () => graph.load({ text: '{"type":"Person","data":{"name":"X"}}' }, { mode: 'append', branch: 'nope' }));
    } finally {
      await graph.close();
    }
  });
});

describe('load validation (file backend)', () => {
  const lines = (...l: string[]) => ({ text: l.join('\n') });

  it('refuses every malformed-JSONL case of the spec with load_invalid naming the line, storage untouched', async () => {
    const graph = await specGraph(tempDir('load-bad'));
    try {
      const cases: [string, string][] = [
        ['{"type":"Person","data":{"name":"A"}', 'J101'],
        ['{"type":"Person","type":"Person","data":{"name":"A"}}', 'J102'],
        ['{"type":"Person","data":{"name":"A","name":"B"}}', 'J102'],
        ['["Person"]', 'J104'],
        ['{"data":{"name":"A"}}', 'J104'],
        ['{"type":"Person","edge":"Knows","data":{}}', 'J104'],
        ['{"type":"Person","data":{"name":"A"},"extra":1}', 'J104'],
        ['{"type":"Robot","data":{}}', 'J105'],
        ['{"type":"Person","data":{"name":"A","salary":1}}', 'J106'],
        ['{"type":"Person","data":{"name":"A","_rowid":1}}', 'J107'],
        ['{"edge":"Knows","from":"Alice","to":"Bob","data":{"src":"x"}}', 'J107'],
        ['{"type":"Person","data":{"name":"A","age":"old"}}', 'J108'],
        ['{"type":"Person","data":{"name":"A","age":3000000000}}', 'J109'],
        ['{"type":"Person","data":{"age":3}}', 'J110'],
        ['{"type":"Company","data":{"name":"C","industry":"mining"}}', 'J111'],
        ['{"type":"Person","data":{"name":"A","id":"B"}}', 'J112'],
      ];
      for (const [line, code] of cases) {
        const err = await expectRefused(graph, 'load_invalid', () => graph.load(lines('{"type":"Person","data":{"name":"Ok"}}', '', line), { mode: 'merge' }));
        expect(err.details.diagnostic, line).toBe(code);
        expect(err.details.line, line).toBe(3);
      }
      const dup = await expectRefused(graph, 'load_invalid', () => graph.load(lines('{"type":"Person","data":{"name":"Q"}}', '{"type":"Person","data":{"name":"Q","age":1}}'), { mode: 'merge' }));
      expect(dup.details.diagnostic).toBe('J113');
      expect(dup.message).toMatch(/lines 1 and 2/);
    } finally {
      await graph.close();
    }
  });

  it('refuses oversized lines, bad vectors and endpoints that can never be canonical ids', async () => {
    const graph = await Omnigraph.init(tempDir('load-bad2'), 'node Item { n: I32 @key  v: Vector(2)? }\nedge Rel: Item -> Item');
    try {
      await graph.load(lines('{"type":"Item","data":{"n":7,"v":[1,2]}}'), { mode: 'append' });
      const cases: [string, string][] = [
        ['{"type":"Item","data":{"n":8,"v":[1,2,3]}}', 'J116'],
        ['{"edge":"Rel","from":"007","to":"7"}', 'J117'],
        [`{"type":"Item","data":{"n":9},"pad":"${'x'.repeat(32 * 1024 * 1024)}"}`, 'J103'],
      ];
      for (const [line, code] of cases) {
        const err = await expectRefused(graph, 'load_invalid', () => graph.load(lines(line), { mode: 'append' }));
        expect(err.details.diagnostic, code).toBe(code);
      }
    } finally {
      await graph.close();
    }
  });

  it('checks endpoints against committed rows and the same file', async () => {
    const graph = await specGraph(tempDir('load-ref'));
    try {
      const err = await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"edge":"Knows","from":"Eve","to":"Nobody"}'), { mode: 'append' }));
      expect(err.message).toMatch(/^dst 'Nobody' not found in Person/);
      await graph.load(lines('{"edge":"Knows","from":"Eve","to":"Newbie"}', '{"type":"Person","data":{"name":"Newbie"}}'), { mode: 'append' });
      expect((await rowsOf(graph, 'edge', 'Knows')).some((e) => e.dst === 'Newbie')).toBe(true);
      await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"edge":"WorksAt","from":"Alice","to":"Bob"}'), { mode: 'append' }));
    } finally {
      await graph.close();
    }
  });

  it('checks @unique (file and committed), @range, @check and @card before writing', async () => {
    const graph = await Omnigraph.init(tempDir('load-constraints'), CONSTRAINED);
    try {
      await graph.load(lines('{"type":"User","data":{"email":"a@x","handle":"a"}}', '{"type":"Team","data":{"name":"T"}}', '{"edge":"Lead","from":"T","to":"a@x"}'), { mode: 'append' });
      const u1 = await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"type":"User","data":{"email":"b@x","handle":"a"}}'), { mode: 'append' }));
      expect(u1.message).toMatch(/@unique violation on User\(handle\)/);
      const u2 = await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"type":"User","data":{"email":"b@x","handle":"h"}}', '{"type":"User","data":{"email":"c@x","handle":"h"}}'), { mode: 'append' }));
      expect(u2.message).toMatch(/line 2 repeats the value of line 1/);
      // Nulls are exempt; replacing the holder of a value with itself is fine.
      await graph.load(lines('{"type":"User","data":{"email":"b@x"}}', '{"type":"User","data":{"email":"c@x"}}', '{"type":"User","data":{"email":"a@x","handle":"a","score":5}}'), { mode: 'merge' });
      expect((await expectRefused(graph, 'load_invalid', () => graph.load(lines('{"type":"User","data":{"email":"d@x","score":101}}'), { mode: 'append' }))).details.diagnostic).toBe('J114');
      expect((await expectRefused(graph, 'load_invalid', () => graph.load(lines('{"type":"User","data":{"email":"d@x","code":"ab"}}'), { mode: 'append' }))).details.diagnostic).toBe('J115');
      const card = await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"type":"Team","data":{"name":"U"}}', '{"edge":"Member","from":"a@x","to":"T"}', '{"edge":"Member","from":"a@x","to":"T"}', '{"edge":"Lead","from":"U","to":"a@x"}'), { mode: 'append' }));
      expect(card.message).toMatch(/@card violation on Member: source 'a@x' would have 2 edges/);
      const min = await expectRefused(graph, 'constraint_violation', () => graph.load(lines('{"type":"Team","data":{"name":"V"}}'), { mode: 'append' }));
      expect(min.message).toMatch(/@card violation on Lead: source 'V' would have 0 edges/);
    } finally {
      await graph.close();
    }
  });

  it('checks many ids against a committed table in bulk: key_conflict at the earliest line, endpoints of an edges-only file', async () => {
    const graph = await Omnigraph.init(tempDir('load-bulk-ids'), 'node P { name: String @key }\nedge R: P -> P');
    try {
      const people = (from: number, to: number): string[] => Array.from({ length: to - from }, (_, i) => `{"type":"P","data":{"name":"p${from + i}"}}`);
      await graph.load(lines(...people(0, 6000)), { mode: 'append' });
      const err = await expectRefused(graph, 'key_conflict', () => graph.load(lines(...people(6000, 11_000), ...people(5990, 6000)), { mode: 'append' }));
      expect(err.message).toMatch(/id 'p5990' already exists \(line 5001\)/);
      expect(err.details.conflicts).toBe(10);
      const edges = Array.from({ length: 6000 }, (_, i) => `{"edge":"R","from":"p${i}","to":"p${(i * 7) % 6000}"}`);
      const dangling = await expectRefused(graph, 'constraint_violation', () => graph.load(lines(...edges, '{"edge":"R","from":"p1","to":"nobody"}'), { mode: 'append' }));
      expect(dangling.message).toMatch(/^dst 'nobody' not found in P \(R, line 6001 \(generated id\)\)/);
      const r = await graph.load(lines(...edges), { mode: 'append' });
      expect(r.edges).toEqual([{ name: 'R', entities_loaded: 6000 }]);
    } finally {
      await graph.close();
    }
  });

  it('validates in-memory text with lone surrogates as text', async () => {
    const graph = await Omnigraph.init(tempDir('load-surrogates'), 'node P { name: String @key  note: String? }');
    try {
      const r = await graph.load(lines('{"type":"P","data":{"name":"a","note":"\ud800"}}', '{"type":"P","data":{"name":"b"}}'), { mode: 'append' });
      expect(r.totalEntities).toBe(2);
      const bad = await expectRefused(graph, 'load_invalid', () => graph.load(lines('{"type":"P","data":{"name":"\ud800"}}', '{"type":"P","data":{"name":"\ud800","note":"x"}}'), { mode: 'append' }));
      expect(bad.details.diagnostic).toBe('J113');
    } finally {
      await graph.close();
    }
  });

  it('a file with only blank lines publishes no commit; a file path source streams', async () => {
    const graph = await specGraph(tempDir('load-file'));
    try {
      const head = await graph.head();
      const r = await graph.load(lines('', '  ', ''), { mode: 'append' });
      expect(r.commit).toBeNull();
      expect(await graph.head()).toEqual(head);
      const file = path.join(tempDir('load-src'), 'data.jsonl');
      writeFileSync(file, Array.from({ length: 20_000 }, (_, i) => `{"type":"Person","data":{"name":"n${i}","age":${i % 100}}}\r\n`).join(''));
      const big = await graph.load(file, { mode: 'append', batchRows: 3000 });
      expect(big.nodes).toEqual([{ name: 'Person', entities_loaded: 20_000 }]);
      expect(await rowsOf(graph, 'node', 'Person')).toHaveLength(20_005);
    } finally {
      await graph.close();
    }
  });
});
