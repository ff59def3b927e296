// @check patterns: unanchored search, Rust flag and group mapping, and the rejected regex features.
import { describe, expect, it } from 'vitest';
import { compileCheckPattern } from './check-pattern.js';

const matches = (pattern: string, value: string): boolean => {
  const r = compileCheckPattern(pattern);
  if (!r.ok) throw new Error(r.reason);
  return r.regex.test(value);
};

describe('compileCheckPattern', () => {
  it('searches unanchored unless the pattern anchors itself', () => {
    expect(matches('ab', 'xxabyy')).toBe(true);
    expect(matches('^ab$', 'xxabyy')).toBe(false);
  });

  it('maps leading Rust inline flags and (?P<name>…) groups', () => {
    expect(matches('(?i)^abc$', 'ABC')).toBe(true);
    expect(matches('(?is)^a.b$', 'A\nB')).toBe(true);
    expect(matches('^(?P<word>[a-z]+)$', 'abc')).toBe(true);
  });

  it('accepts Rust-style escaped punctuation', () => {
    expect(matches('^[A-Z]{3}\\-\\d+$', 'ABC-12')).toBe(true);
  });

  it('rejects look-around, back-references, unsupported flags and syntax errors', () => {
    for (const bad of ['a(?=b)', 'a(?!b)', '(?<=a)b', '(?<!a)b', '(a)\\1', '(?<n>a)\\k<n>', '(?x)a b', 'a(?i)b', '(', '[']) {
      expect(compileCheckPattern(bad).ok).toBe(false);
    }
  });

  it('treats look-around syntax inside a character class as literal', () => {
    expect(matches('[(?=]', '=')).toBe(true);
  });
});
