// Unit tests of graph branch names: the spec's rules and the reversible mapping to native manifest branches.
import { describe, expect, it } from 'vitest';
import { assertBranchName } from '../store/lance/names.js';
import { graphBranchOfNative, nativeBranchOf, parseBranchName, pathPrefixRelated } from './branch-names.js';

describe('graph branch names', () => {
  it('trims, keeps main, and accepts /-separated names', () => {
    expect(parseBranchName('  main ')).toBe('main');
    expect(parseBranchName(' review/2026-07 ')).toBe('review/2026-07');
    for (const ok of ['b1', 'feature_x', 'v1.2', 'a/b/c', 'x-y', 'a/-b', '_private']) expect(parseBranchName(ok)).toBe(ok);
  });

  it('refuses bad and reserved names with bad_request', () => {
    const bad = ['', '   ', 'a b', 'a\tb', 'a\u0000b', 'a~b', 'a:b', '/a', 'a/', 'a//b', 'a..b', '.a', 'a/.b', 'a.', 'a.lock', 'a.lock/b', '-a',
      '__schema_apply_lock__', '/__schema_apply_lock__', '__x', 'é', 'x'.repeat(127)];
    for (const name of bad) expect(() => parseBranchName(name), name).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('maps names to flat native branches and back, deterministically and reversibly', () => {
    expect(nativeBranchOf('main')).toBeNull();
    expect(nativeBranchOf('review/v1.2')).toBe('g.review.sv1.d2');
    expect(nativeBranchOf('b1')).toBe('g.b1');
    for (const name of ['b1', 'review/v1.2', 'a.b/c.d/e', 'x_y-z', 'v1.lock.x', 'a/-b']) {
      const native = nativeBranchOf(name)!;
      expect(() => assertBranchName(native)).not.toThrow();
      expect(graphBranchOfNative(native)).toBe(name);
    }
    // Distinct names never share a native branch.
    expect(nativeBranchOf('a.sb')).not.toBe(nativeBranchOf('a/b'));
    expect(graphBranchOfNative(null)).toBe('main');
  });

  it('does not read other native branches as graph branches', () => {
    for (const native of ['f-01HZX3Q4R5S6T7V8W9XAYBZC0D', 'g.', 'g.a.x', 'g.a.', 'b1', 'g.main', 'g.__x', 'g.a.s.sb']) expect(graphBranchOfNative(native), native).toBeNull();
  });

  it('relates /-path ancestors and descendants only', () => {
    expect(pathPrefixRelated('review', 'review/x')).toBe(true);
    expect(pathPrefixRelated('review/x/y', 'review')).toBe(true);
    expect(pathPrefixRelated('review', 'reviews')).toBe(false);
    expect(pathPrefixRelated('review', 'review')).toBe(false);
  });
});
