// Catalog JSON round trip and refusal of edited, malformed or newer stored catalogs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../errors/index.js';
import { compileSchema } from './compile-schema.js';
import { catalogFromJSON, catalogToJSON } from './serialize.js';

const KITCHEN = readFileSync(fileURLToPath(new URL('../../../test/fixtures/compiler/kitchen-sink.pg', import.meta.url)), 'utf8');

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof OmniError ? err.code : 'not-an-omni-error';
  }
  return undefined;
}

describe('catalogToJSON / catalogFromJSON', () => {
  it('round-trips a catalog to an equal, frozen catalog', () => {
    const c = compileSchema(KITCHEN).catalog!;
    const back = catalogFromJSON(catalogToJSON(c));
    expect(back).toEqual(c);
    expect(Object.isFrozen(back.nodes['Author'])).toBe(true);
    expect(catalogToJSON(back)).toBe(catalogToJSON(c));
  });

  it('round-trips a renamed catalog and accepts pretty-printed JSON', () => {
    const a = compileSchema('node P { a: String }').catalog!;
    const b = compileSchema('node Q @rename_from("P") { b: String @rename_from("a") }', { previous: a }).catalog!;
    expect(catalogFromJSON(JSON.stringify(b, null, 2))).toEqual(b);
  });

  it('refuses a catalog whose identities or data were edited', () => {
    const c = JSON.parse(catalogToJSON(compileSchema('node P { a: String b: I32? }').catalog!));
    const swapped = structuredClone(c);
    swapped.nodes.P.properties.a.id = 99;
    expect(codeOf(() => catalogFromJSON(swapped))).toBe('internal');
    const dup = structuredClone(c);
    dup.nodes.P.properties.b.id = dup.nodes.P.properties.a.id;
    expect(codeOf(() => catalogFromJSON(dup))).toBe('internal');
    const column = structuredClone(c);
    column.nodes.P.table.columns[2].nullable = false;
    expect(codeOf(() => catalogFromJSON(column))).toBe('internal');
    const source = structuredClone(c);
    source.source = 'node P { a: String }';
    expect(codeOf(() => catalogFromJSON(source))).toBe('internal');
  });

  it('refuses malformed input with internal and a newer format with format_unsupported', () => {
    expect(codeOf(() => catalogFromJSON('{'))).toBe('internal');
    expect(codeOf(() => catalogFromJSON(null))).toBe('internal');
    expect(codeOf(() => catalogFromJSON({ formatVersion: 1, source: 'node P { a: String }', nextIdentityId: 'x' }))).toBe('internal');
    expect(codeOf(() => catalogFromJSON({ formatVersion: 1, source: 'node P { a: String }', nextIdentityId: 4, interfaces: {}, nodes: { P: { typeId: 1 } }, edges: {} }))).toBe('internal');
    expect(codeOf(() => catalogFromJSON({ formatVersion: 2 }))).toBe('format_unsupported');
    expect(codeOf(() => catalogFromJSON({ formatVersion: 1, source: 'node P {', nextIdentityId: 1, interfaces: {}, nodes: {}, edges: {} }))).toBe('internal');
  });
});
