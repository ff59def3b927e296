// Unit tests of the layer check.
import { describe, expect, it } from 'vitest';
import { checkFile, layerOf, resolveRelative } from './layers.js';

describe('layers', () => {
  it('maps files to their layer', () => {
    expect(layerOf('src/store/lance/connect.ts')).toBe('store');
    expect(layerOf('src/engine.ts')).toBe('engine');
    expect(layerOf('test/x.test.ts')).toBeNull();
  });

  it('resolves relative specifiers', () => {
    expect(resolveRelative('src/store/object/file.ts', '../../errors/index.js')).toBe('src/errors/index.ts');
  });

  it('allows downward imports and refuses upward value imports', () => {
    expect(checkFile('src/store/object/file.ts', "import { OmniError } from '../../errors/index.js';")).toEqual([]);
    const up = checkFile('src/compiler/schema/parse.ts', "import { connect } from '../../store/lance/connect.js';");
    expect(up).toHaveLength(1);
    expect(up[0]!.why).toMatch(/may not import 'store'/);
  });

  it('allows upward type-only imports', () => {
    expect(checkFile('src/store/lance/x.ts', "import type { Engine } from '../../engine.js';")).toEqual([]);
  });

  it('keeps packages with their owners', () => {
    expect(checkFile('src/exec/q.ts', "import * as lancedb from '@lancedb/lancedb';")).toHaveLength(1);
    expect(checkFile('src/store/lance/c.ts', "import * as lancedb from '@lancedb/lancedb';")).toEqual([]);
    expect(checkFile('src/compiler/x.ts', "import { readFileSync } from 'node:fs';")).toHaveLength(1);
    expect(checkFile('src/exec/m.ts', "import { setup } from 'xstate';")).toHaveLength(1);
  });

  it('sees dynamic imports and re-exports', () => {
    expect(checkFile('src/util/x.ts', "export { a } from '../exec/a.js';")).toHaveLength(1);
    expect(checkFile('src/util/x.ts', "const m = await import('../exec/a.js');")).toHaveLength(1);
  });

  it('reports a folder missing from the rules', () => {
    expect(checkFile('src/mystery/x.ts', '')).toHaveLength(1);
  });
});
