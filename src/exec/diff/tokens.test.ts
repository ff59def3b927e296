// Unit tests of change-surface tokens: id binding, round trips, and every rejection.
import { describe, expect, it } from 'vitest';
import { OmniError } from '../../errors/index.js';
import { MAX_TOKEN_BYTES, boundId, decodeToken, encodeToken } from './tokens.js';

const rejected = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(OmniError);
    expect((err as OmniError).code).toBe('change_cursor_rejected');
    expect((err as OmniError).message.startsWith('change cursor rejected: ')).toBe(true);
    return (err as OmniError).message;
  }
  throw new Error('expected a rejection');
};

describe('tokens', () => {
  it('binds ids up to 256 bytes exactly and longer ids as a 64-byte prefix plus SHA-256', () => {
    expect(boundId('01J0ABCDEF')).toBe('01J0ABCDEF');
    expect(boundId('x'.repeat(256))).toBe('x'.repeat(256));
    const long = boundId('y'.repeat(300));
    expect(long).toMatch(/^y{64}#[0-9a-f]{64}$/);
    expect(boundId('y'.repeat(301))).not.toBe(long);
    // The prefix never splits a code point.
    expect(boundId('é'.repeat(200)).split('#')[0]).toBe('é'.repeat(32));
  });

  it('round-trips and stays within the size limit with the longest bound ids', () => {
    const body = { g: boundId('g'.repeat(1000)), b: boundId('b'.repeat(1000)), i: boundId('i'.repeat(1000)), p: null, o: 3 };
    const token = encodeToken('cursor', body);
    expect(token.length).toBeLessThanOrEqual(MAX_TOKEN_BYTES);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeToken('cursor', token)).toMatchObject(body);
  });

  it('rejects empty, oversized, malformed, damaged, foreign-version and other-kind tokens', () => {
    const token = encodeToken('feed_page', { o: 1 });
    const json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    const reencode = (o: Record<string, unknown>) => Buffer.from(JSON.stringify(o)).toString('base64url');
    rejected(() => decodeToken('cursor', ''));
    rejected(() => decodeToken('cursor', 'a'.repeat(MAX_TOKEN_BYTES + 1)));
    rejected(() => decodeToken('cursor', 'has space'));
    rejected(() => decodeToken('cursor', Buffer.from('[1,2]').toString('base64url')));
    expect(rejected(() => decodeToken('feed_page', reencode({ ...json, o: 2 })))).toMatch(/damaged/);
    expect(rejected(() => decodeToken('cursor', token))).toMatch(/page token is not a cursor/);
    expect(rejected(() => decodeToken('commit_page', token))).toMatch(/feed page token is not a commit page token/);
    expect(decodeToken('feed_page', token)).toMatchObject({ o: 1, k: 'feed_page' });
  });
});
