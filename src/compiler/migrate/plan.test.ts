// Migration planner: the spec §10 evolution examples, every step kind, ordering, findings and rendering.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../errors/index.js';
import { compileSchema } from '../catalog/compile-schema.js';
import type { Catalog } from '../catalog/types.js';
import { migrationFindings } from './lint-codes.js';
import { migrationError, planMigration, planSchemaChange } from './plan.js';
import { renderPlanStep, type MigrationPlan } from './steps.js';

const PEOPLE = readFileSync(fileURLToPath(new URL('../../../test/fixtures/compiler/people.pg', import.meta.url)), 'utf8');
const accepted = compileSchema(PEOPLE).catalog!;

function plan(next: string, from: Catalog = accepted, allowDataLoss = false): MigrationPlan {
  const r = planSchemaChange(from, next, { allowDataLoss });
  expect(r.compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.plan!;
}
const edit = (from: string, to: string): string => {
  expect(PEOPLE.includes(from)).toBe(true);
  return PEOPLE.replace(from, to);
};

describe('planMigration: the spec §10 evolution examples', () => {
  it('plans no steps for an unchanged schema (comments, layout and enum order do not count)', () => {
    expect(plan(PEOPLE)).toEqual({ supported: true, steps: [] });
    expect(plan(edit('enum(software, finance, retail)', 'enum(retail, software, finance)').replace('// people.pg', '/* x */ //'))).toEqual({ supported: true, steps: [] });
  });

  it('adds a nullable property and refuses a required one with OG-MF-103', () => {
    expect(plan(edit('age: I32?', 'age: I32?\n    nick: String?')).steps).toEqual([
      { kind: 'add_property', type_kind: 'node', type_name: 'Person', property_name: 'nick', property_type: 'String?' },
    ]);
    const p = plan(edit('age: I32?', 'age: I32?\n    nick: String'));
    expect(p.supported).toBe(false);
    expect(p.steps).toEqual([{ kind: 'unsupported_change', entity: 'node:Person.nick', reason: expect.any(String), code: 'OG-MF-103' }]);
  });

  it('refuses type changes, tightening and relaxing with OG-MF-106', () => {
    for (const to of ['age: I64?', 'age: I32', 'age: F64?']) {
      const p = plan(edit('age: I32?', to));
      expect(p.steps.map((s) => (s.kind === 'unsupported_change' ? [s.entity, s.code] : s.kind))).toEqual([['node:Person.age', 'OG-MF-106']]);
    }
    expect(plan(edit('code: String?', 'code: String')).supported).toBe(false);
    expect(plan(edit('founded: Date?', 'founded: Date')).steps[0]).toMatchObject({ code: 'OG-MF-106' });
    expect(plan(edit('tags: [String]?', 'tags: String?')).steps[0]).toMatchObject({ code: 'OG-MF-106' });
  });

  it('extends an enum by pure widening and refuses narrowing, renaming and enum↔String', () => {
    expect(plan(edit('enum(software, finance, retail)', 'enum(software, finance, retail, energy, agri)')).steps).toEqual([
      { kind: 'extend_enum', type_kind: 'node', type_name: 'Company', property_name: 'industry', added_values: ['agri', 'energy'] },
    ]);
    for (const to of ['enum(software, finance)', 'enum(software, finance, retail2)', 'String', 'enum(software, finance, retail)?']) {
      expect(plan(edit('enum(software, finance, retail)', to)).steps[0]).toMatchObject({ kind: 'unsupported_change', code: 'OG-MF-106' });
    }
  });

  it('renames a node type with @rename_from and keeps edges pointing at it', () => {
    const next = edit('node Person @description("A human")', 'node Human @rename_from("Person") @description("A human")').replaceAll('Person ->', 'Human ->').replaceAll('-> Person', '-> Human');
    expect(plan(next)).toEqual({ supported: true, steps: [{ kind: 'rename_type', type_kind: 'node', from: 'Person', to: 'Human' }] });
  });

  it('drops a property softly by default and hard with allowDataLoss', () => {
    const next = edit('bio: String? @index\n', '');
    expect(plan(next).steps).toEqual([{ kind: 'drop_property', type_kind: 'node', type_name: 'Person', property_name: 'bio', mode: 'soft' }]);
    expect(plan(next, accepted, true).steps).toEqual([{ kind: 'drop_property', type_kind: 'node', type_name: 'Person', property_name: 'bio', mode: 'hard' }]);
  });

  it('refuses a @card change and a @unique addition, and plans an @index addition', () => {
    expect(plan(edit('@card(0..1)', '@card(0..2)')).steps).toEqual([{ kind: 'unsupported_change', entity: 'edge:WorksAt', reason: expect.any(String) }]);
    expect(plan(edit('bio: String? @index', 'bio: String? @index @unique')).steps).toEqual([{ kind: 'unsupported_change', entity: 'node:Person.bio', reason: expect.any(String) }]);
    expect(plan(edit('age: I32?', 'age: I32? @index')).steps).toEqual([{ kind: 'add_constraint', type_kind: 'node', type_name: 'Person', constraint: { kind: 'index', properties: ['age'] } }]);
  });
});

describe('planMigration: step kinds and rules', () => {
  const base = compileSchema('interface I { n: String? } node A implements I { x: I32? } node B { k: String @key } edge E: A -> B { w: F64? }').catalog!;
  const from = (next: string) => plan(next, base);

  it('adds interfaces, nodes and edges, in that order, by name', () => {
    const p = from('interface I { n: String? } interface J { m: I32? } node A implements I { x: I32? } node B { k: String @key } node C { y: I32? } edge E: A -> B { w: F64? } edge D: C -> C');
    expect(p.steps).toEqual([
      { kind: 'add_type', type_kind: 'interface', name: 'J' },
      { kind: 'add_type', type_kind: 'node', name: 'C' },
      { kind: 'add_type', type_kind: 'edge', name: 'D' },
    ]);
  });

  it('drops node and edge types (soft or hard) and refuses removing an interface', () => {
    expect(from('interface I { n: String? } node A implements I { x: I32? } node B { k: String @key }').steps).toEqual([{ kind: 'drop_type', type_kind: 'edge', name: 'E', mode: 'soft' }]);
    expect(plan('interface I { n: String? } node A implements I { x: I32? }', base, true).steps).toEqual([
      { kind: 'drop_type', type_kind: 'node', name: 'B', mode: 'hard' },
      { kind: 'drop_type', type_kind: 'edge', name: 'E', mode: 'hard' },
    ]);
    const p = from('node A { x: I32? n: String? } node B { k: String @key } edge E: A -> B { w: F64? }');
    expect(p.steps.map((s) => (s.kind === 'unsupported_change' ? s.entity : s.kind))).toEqual(['interface:I', 'node:A', 'node:A.n']);
  });

  it('orders steps within a type: rename, type metadata, properties, constraints', () => {
    const p = from('interface I { n: String? } node A implements I { x: I32? } node Bee @rename_from("B") @description("bees") { k: String @key q: I32? @index(q) } edge E: A -> Bee { w: F64? }');
    expect(p.steps).toEqual([
      { kind: 'rename_type', type_kind: 'node', from: 'B', to: 'Bee' },
      { kind: 'update_type_metadata', type_kind: 'node', name: 'Bee', annotations: { description: 'bees' } },
      { kind: 'add_property', type_kind: 'node', type_name: 'Bee', property_name: 'q', property_type: 'I32?' },
      { kind: 'add_constraint', type_kind: 'node', type_name: 'Bee', constraint: { kind: 'index', properties: ['q'] } },
    ]);
  });

  it('renames properties and edge types, and reports metadata changes', () => {
    const p = from('interface I { n: String? } node A implements I { y: I32? @rename_from("x") @description("why") } node B { k: String @key } edge Link: A -> B @rename_from("E") @instruction("go") { w: F64? }');
    expect(p.steps).toEqual([
      { kind: 'rename_property', type_kind: 'node', type_name: 'A', from: 'x', to: 'y' },
      { kind: 'update_property_metadata', type_kind: 'node', type_name: 'A', property_name: 'y', annotations: { description: 'why' } },
      { kind: 'rename_type', type_kind: 'edge', from: 'E', to: 'Link' },
      { kind: 'update_type_metadata', type_kind: 'edge', name: 'Link', annotations: { instruction: 'go' } },
    ]);
  });

  it('treats adding or removing @rename_from alone as no change', () => {
    const renamed = from('interface I { n: String? } node A implements I { x: I32? } node Bee @rename_from("B") { k: String @key } edge E: A -> Bee { w: F64? }');
    expect(renamed.steps).toHaveLength(1);
    const after = compileSchema('interface I { n: String? } node A implements I { x: I32? } node Bee @rename_from("B") { k: String @key } edge E: A -> Bee { w: F64? }', { previous: base }).catalog!;
    expect(plan('interface I { n: String? } node A implements I { x: I32? } node Bee { k: String @key } edge E: A -> Bee { w: F64? }', after).steps).toEqual([]);
  });

  it('refuses key, unique, range, check and index removals, and key/range/check additions', () => {
    const c = compileSchema('node P { k: String @key a: I32? b: String? @unique c: I32? @index @range(a, 0..1) @check(b, "x") }').catalog!;
    const kinds = (next: string) => plan(next, c).steps.map((s) => s.kind);
    expect(kinds('node P { k: String a: I32? b: String? @unique c: I32? @index @range(a, 0..1) @check(b, "x") }')).toEqual(['unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? c: I32? @index @range(a, 0..1) @check(b, "x") }')).toEqual(['unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? @unique c: I32? @range(a, 0..1) @check(b, "x") }')).toEqual(['unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? @unique c: I32? @index @check(b, "x") }')).toEqual(['unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? @unique c: I32? @index @range(a, 0..1) }')).toEqual(['unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? @unique c: I32? @index @range(a, 0..2) @check(b, "x") }')).toEqual(['unsupported_change', 'unsupported_change']);
    expect(kinds('node P { k: String @key a: I32? b: String? @unique c: I32? @index @range(a, 0..1) @check(b, "x") @check(k, "y") }')).toEqual(['unsupported_change']);
  });

  it('treats the property and body forms of a constraint as the same constraint', () => {
    const c = compileSchema('node P { a: I32? @index }').catalog!;
    expect(plan('node P { a: I32? @index(a) }', c).steps).toEqual([]);
  });

  it('refuses dropping a @key member or part of a composite constraint, but not a property whose own constraints leave with it', () => {
    const c = compileSchema('node P { a: String b: String c: I32? d: I32? @key(a, b) @unique(c, d) @range(c, 0..1) }').catalog!;
    expect(plan('node P { a: String @key c: I32? d: I32? @unique(c, d) @range(c, 0..1) }', c).supported).toBe(false);
    expect(plan('node P { a: String b: String d: I32? @key(a, b) }', c).supported).toBe(false);
    expect(plan('node P { a: String b: String @key(a, b) }', c)).toMatchObject({ supported: true, steps: [{ kind: 'drop_property' }, { kind: 'drop_property' }] });
    const single = compileSchema('node P { a: String @key b: I32? @unique @range(b, 0..1) }').catalog!;
    expect(plan('node P { a: String @key }', single)).toEqual({ supported: true, steps: [{ kind: 'drop_property', type_kind: 'node', type_name: 'P', property_name: 'b', mode: 'soft' }] });
  });

  it('refuses implements, endpoint, @embed, custom-annotation and declaration-origin changes', () => {
    const c = compileSchema('interface I { n: String? } interface J { m: String? } node A implements I { t: String? v: Vector(2)? @embed(t) @ui(1) } node B { x: I32? } edge E: A -> A @tag').catalog!;
    const entities = (next: string) => plan(next, c).steps.filter((s) => s.kind === 'unsupported_change').map((s) => (s.kind === 'unsupported_change' ? s.entity : ''));
    const same = 'interface I { n: String? } interface J { m: String? }';
    expect(entities(`${same} node A implements I, J { t: String? v: Vector(2)? @embed(t) @ui(1) } node B { x: I32? } edge E: A -> A @tag`)).toContain('node:A');
    expect(entities(`${same} node A implements I { t: String? v: Vector(2)? @embed(t) @ui(1) } node B { x: I32? } edge E: A -> B @tag`)).toEqual(['edge:E']);
    expect(entities(`${same} node A implements I { t: String? v: Vector(2)? @embed(t, model = "m") @ui(1) } node B { x: I32? } edge E: A -> A @tag`)).toEqual(['node:A.v']);
    expect(entities(`${same} node A implements I { t: String? v: Vector(2)? @embed(t) @ui(2) } node B { x: I32? } edge E: A -> A @tag`)).toEqual(['node:A.v']);
    expect(entities(`${same} node A implements I { t: String? v: Vector(2)? @embed(t) @ui(1) } node B { x: I32? } edge E: A -> A`)).toEqual(['edge:E']);
    expect(entities(`${same} node A implements I { n: String? t: String? v: Vector(2)? @embed(t) @ui(1) } node B { x: I32? } edge E: A -> A @tag`)).toEqual(['node:A.n']);
  });

  it('emits one unsupported schema step when the schemas differ in a way no rule classifies', () => {
    const c = compileSchema('interface I { n: String? } node P { a: I32? }').catalog!;
    expect(plan('interface I { n: String? @index } node P { a: I32? }', c).steps).toEqual([{ kind: 'unsupported_change', entity: 'schema', reason: expect.any(String) }]);
  });

  it('refuses a next catalog that was not compiled against the accepted one', () => {
    // Same kinds and ids as the accepted catalog, different names and no rename hints: a foreign allocation.
    const foreign = compileSchema('node A { z: I32? }').catalog!;
    let code: string | undefined;
    try {
      planMigration(compileSchema('node P { a: I32? }').catalog!, foreign);
    } catch (err) {
      code = err instanceof OmniError ? err.code : 'other';
    }
    expect(code).toBe('internal');
  });

  it('returns the compile diagnostics instead of a plan when the next schema is invalid', () => {
    const r = planSchemaChange(accepted, 'node P {');
    expect(r.plan).toBeUndefined();
    expect(r.compiled.diagnostics[0]?.code).toBe('S105');
  });
});

describe('migrationError and findings', () => {
  it('raises migration_unsupported with the first reason, prefixed by its code', () => {
    const p = plan(edit('age: I32?', 'age: I32?\n    email2: String'));
    const err = migrationError(p)!;
    expect(err.code).toBe('migration_unsupported');
    expect(err.message.startsWith('[OG-MF-103] ')).toBe(true);
    expect(err.details['code']).toBe('OG-MF-103');
    expect(migrationError(plan(PEOPLE))).toBeUndefined();
  });

  it('reports OG-DS findings for drops and OG-MF findings for coded refusals', () => {
    const next = compileSchema(
      edit('bio: String? @index\n', 'v: Vector(2)?\n').replace('edge Knows: Person -> Person { since: Date?  weight: F64? }\n', '').replace('age: I32?', 'age: I64?'),
      { previous: accepted },
    ).catalog!;
    const p = planMigration(accepted, next);
    const withVector = compileSchema(next.source.replace('v: Vector(2)?\n', ''), { previous: next }).catalog!;
    const codes = migrationFindings(accepted, next, p).map((f) => [f.code, f.severity]);
    expect(codes).toEqual([
      ['OG-MF-106', 'error'],
      ['OG-DS-104', 'warning'],
      ['OG-DS-103', 'warning'],
    ]);
    expect(migrationFindings(next, withVector, planMigration(next, withVector)).map((f) => f.code)).toEqual(['OG-DS-105']);
  });

  it('flags a dropped node type with OG-DS-102', () => {
    const a = compileSchema('node A { x: I32? } node B { y: I32? }').catalog!;
    const b = compileSchema('node A { x: I32? }', { previous: a }).catalog!;
    expect(migrationFindings(a, b, planMigration(a, b)).map((f) => [f.code, f.entity])).toEqual([['OG-DS-102', 'node:B']]);
  });
});

describe('renderPlanStep', () => {
  it('renders the spec examples', () => {
    expect(renderPlanStep({ kind: 'add_property', type_kind: 'node', type_name: 'Person', property_name: 'nick', property_type: 'String?' })).toBe("add property 'Person.nick' (String?) on node 'Person'");
    expect(renderPlanStep({ kind: 'extend_enum', type_kind: 'node', type_name: 'Company', property_name: 'industry', added_values: ['retail'] })).toBe("extend enum 'Company.industry' (+retail) on node 'Company'");
    expect(renderPlanStep({ kind: 'drop_property', type_kind: 'node', type_name: 'Person', property_name: 'age', mode: 'soft' })).toBe("drop property 'Person.age' of node 'Person' (soft mode)");
    expect(renderPlanStep({ kind: 'unsupported_change', entity: 'node:Person.email', reason: 'r', code: 'OG-MF-103' })).toBe('unsupported change on node:Person.email [OG-MF-103, validated]: r');
  });

  it('renders every other step kind on one line', () => {
    const lines = [
      renderPlanStep({ kind: 'add_type', type_kind: 'edge', name: 'E' }),
      renderPlanStep({ kind: 'rename_type', type_kind: 'node', from: 'A', to: 'B' }),
      renderPlanStep({ kind: 'rename_property', type_kind: 'node', type_name: 'A', from: 'x', to: 'y' }),
      renderPlanStep({ kind: 'add_constraint', type_kind: 'node', type_name: 'A', constraint: { kind: 'index', properties: ['x'] } }),
      renderPlanStep({ kind: 'update_type_metadata', type_kind: 'node', name: 'A', annotations: { description: 'd' } }),
      renderPlanStep({ kind: 'update_property_metadata', type_kind: 'node', type_name: 'A', property_name: 'x', annotations: { description: null } }),
      renderPlanStep({ kind: 'drop_type', type_kind: 'node', name: 'A', mode: 'hard' }),
      renderPlanStep({ kind: 'unsupported_change', entity: 'schema', reason: 'r' }),
    ];
    expect(lines).toEqual([
      "add edge type 'E'",
      "rename node type 'A' to 'B'",
      "rename property 'A.x' to 'y' on node 'A'",
      "add constraint @index(x) on node 'A'",
      "update @description of node type 'A'",
      "update @description of property 'A.x' on node 'A'",
      "drop node type 'A' (hard mode)",
      'unsupported change on schema: r',
    ]);
  });
});
