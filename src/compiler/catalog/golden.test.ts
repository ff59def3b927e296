// Golden catalogs of the fixture schemas and the data-driven rejection corpus under test/fixtures/compiler.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCHEMA_DIAGNOSTICS } from '../diagnostics/codes.js';
import { compileSchema } from './compile-schema.js';

const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/compiler/', import.meta.url));
const UPDATE = process.env['OMNIGRAPH_UPDATE_GOLDEN'] === '1';

describe('compileSchema golden fixtures', () => {
  for (const name of ['people', 'kitchen-sink']) {
    it(`compiles ${name}.pg to the pinned catalog JSON`, () => {
      const { catalog, diagnostics } = compileSchema(readFileSync(`${FIXTURES}${name}.pg`, 'utf8'));
      expect(diagnostics).toEqual([]);
      const text = `${JSON.stringify(catalog, null, 2)}\n`;
      const golden = `${FIXTURES}${name}.catalog.json`;
      if (UPDATE) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

describe('compileSchema error corpus (test/fixtures/compiler/schema-errors)', () => {
  const dir = `${FIXTURES}schema-errors/`;
  const files = readdirSync(dir).filter((f) => f.endsWith('.pg')).sort();

  it('has a case for every error code the compiler defines except the internal budget one', () => {
    const covered = new Set(files.map((f) => /expect: (S\d{3})/.exec(readFileSync(dir + f, 'utf8'))?.[1]));
    const missing = Object.entries(SCHEMA_DIAGNOSTICS)
      .filter(([code, info]) => info.severity === 'error' && code !== 'S109' && !code.startsWith('S6') && !covered.has(code as never))
      .map(([code]) => code);
    expect(missing).toEqual([]);
  });

  for (const file of files) {
    it(`rejects ${file} with the code on its first line`, () => {
      const text = readFileSync(dir + file, 'utf8');
      const expected = /expect: (S\d{3})/.exec(text)?.[1];
      const { catalog, diagnostics } = compileSchema(text);
      expect(catalog).toBeUndefined();
      expect(diagnostics.filter((d) => d.severity === 'error').map((d) => d.code)).toEqual([expected]);
      for (const d of diagnostics) {
        expect(d.span.line).toBeGreaterThanOrEqual(2);
        expect(d.span.start).toBeLessThanOrEqual(d.span.end);
        expect(d.span.end).toBeLessThanOrEqual(text.length);
      }
    });
  }
});
