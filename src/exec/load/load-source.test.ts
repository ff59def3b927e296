// Load sources as chunks of whole lines: text and files, CRLF, the final line, lines longer than a chunk.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, forEachLine, sourceChunks, textLines, type LineChunk, type LoadSource } from './load-source.js';

async function linesOf(source: LoadSource): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of sourceChunks(source)) {
    if (chunk.kind === 'text') out.push(...textLines(chunk.text));
    else forEachLine(chunk, (a, b) => out.push(chunk.buf.toString('utf8', a, b)) > 0);
  }
  return out;
}

describe('sourceChunks and forEachLine', () => {
  it('splits text on LF and CRLF and keeps the final line, even when empty', async () => {
    expect(await linesOf({ text: 'a\r\nb\n\nc' })).toEqual(['a', 'b', '', 'c']);
    expect(await linesOf({ text: 'a\n' })).toEqual(['a', '']);
    expect(await linesOf({ text: '' })).toEqual(['']);
    expect(await linesOf({ text: 'x\r\r\ny' })).toEqual(['x\r', 'y']);
  });

  it('hands text with lone surrogates over as text, unchanged', async () => {
    const kinds: LineChunk['kind'][] = [];
    for await (const c of sourceChunks({ text: 'ok\n\ud800x' })) kinds.push(c.kind);
    expect(kinds).toEqual(['text']);
    expect(await linesOf({ text: 'ok\n\ud800x' })).toEqual(['ok', '\ud800x']);
  });

  it('reads a file in chunks of whole lines, growing for a line longer than a chunk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'omnigraph-load-source-'));
    const file = path.join(dir, 'data.jsonl');
    const long = 'é'.repeat(CHUNK_BYTES);
    const lines = ['first', long, ...Array.from({ length: 100_000 }, (_, i) => `line ${i} ${'x'.repeat(i % 50)}`), 'last'];
    writeFileSync(file, lines.join('\r\n'));
    expect(await linesOf({ path: file })).toEqual(lines);
    let chunks = 0;
    let bytes = 0;
    for await (const c of sourceChunks({ path: file })) {
      chunks++;
      bytes = c.bytesRead;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(bytes).toBe(Buffer.byteLength(lines.join('\r\n')));
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops when the callback says so, and refuses a missing file with io', async () => {
    const { value: chunk } = await sourceChunks({ text: 'a\nb\nc' }).next();
    const seen: number[] = [];
    expect(forEachLine(chunk as Extract<LineChunk, { kind: 'bytes' }>, (a) => (seen.push(a), seen.length < 2))).toBe(false);
    expect(seen).toEqual([0, 2]);
    await expect(linesOf({ path: '/nonexistent/x.jsonl' })).rejects.toMatchObject({ code: 'io' });
  });
});
