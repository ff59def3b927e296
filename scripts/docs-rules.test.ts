// Unit tests of the docs checks.
import { describe, expect, it } from 'vitest';
import { firstColumnNames, namedPaths, tableMismatch } from './docs-rules.js';

describe('docs-rules', () => {
  it('finds backticked repo paths and relative links, skipping globs, anchors and URLs', () => {
    const md = 'See `src/store/object/file.ts`, `test/**/*.ts`, [guide](docs/x.md#top), [web](https://x.y) and `npm test`.';
    expect(namedPaths(md)).toEqual(['src/store/object/file.ts', 'docs/x.md']);
  });

  it('reads the first column of tables', () => {
    expect(firstColumnNames('| code | x |\n|---|---|\n| `a_b` | 1 |\n| plain | 2 |\n| `c` | 3 |')).toEqual(['a_b', 'c']);
  });

  it('reports missing and unknown names', () => {
    expect(tableMismatch(['a', 'z'], ['a', 'b'])).toEqual({ missing: ['b'], unknown: ['z'] });
  });
});
