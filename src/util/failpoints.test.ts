// Unit tests of the failpoint registry.
import { afterEach, describe, expect, it } from 'vitest';
import { failpoint, parseFailpoints } from './failpoints.js';

describe('failpoints', () => {
  afterEach(() => {
    delete process.env['OMNIGRAPH_FAILPOINTS'];
  });

  it('parses names with actions, defaulting to error', () => {
    const m = parseFailpoints(' object.file.after-link=exit, object.file.after-temp-write ');
    expect([...m]).toEqual([
      ['object.file.after-link', 'exit'],
      ['object.file.after-temp-write', 'error'],
    ]);
  });

  it('refuses unknown names and actions', () => {
    expect(() => parseFailpoints('no.such.point')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => parseFailpoints('object.file.after-link=explode')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('does nothing when unset and throws code failpoint when set to error', async () => {
    await expect(failpoint('object.file.after-link')).resolves.toBeUndefined();
    process.env['OMNIGRAPH_FAILPOINTS'] = 'object.file.after-link';
    await expect(failpoint('object.file.after-link')).rejects.toMatchObject({ code: 'failpoint' });
    await expect(failpoint('object.file.after-temp-write')).resolves.toBeUndefined();
  });
});
