// Unit tests of storage URI parsing.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStorageUri } from './uri.js';

describe('parseStorageUri', () => {
  it('resolves plain paths and file:// URIs to absolute roots', () => {
    expect(parseStorageUri('graphs/g1')).toMatchObject({ kind: 'file', root: path.resolve('graphs/g1') });
    expect(parseStorageUri('file:///var/lib/g1/')).toMatchObject({ kind: 'file', root: '/var/lib/g1', uri: 'file:///var/lib/g1' });
  });

  it('splits s3 URIs into bucket and normalised prefix', () => {
    expect(parseStorageUri('s3://graphs')).toEqual({ kind: 's3', bucket: 'graphs', prefix: '', uri: 's3://graphs' });
    expect(parseStorageUri('s3://graphs//team-a/g1/')).toEqual({ kind: 's3', bucket: 'graphs', prefix: 'team-a/g1', uri: 's3://graphs/team-a/g1' });
  });

  it.each(['', '   ', 'http://example/x', 's3://', 's3://UPPER/x', 's3://b/../x', 's3://bucket/x?y=1', 'file://relative/path', '://x'])(
    'refuses %j with invalid_uri',
    (bad) => {
      expect(() => parseStorageUri(bad)).toThrow(expect.objectContaining({ code: 'invalid_uri' }));
    },
  );
});
