// Load inputs as chunks of whole lines of UTF-8 bytes: a file read in 4 MiB pieces (never whole), or JSONL text.
import { open, type FileHandle } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { OmniError } from '../../errors/index.js';

/** What a load reads: a JSONL file by path, or JSONL text. */
export type LoadSource = { readonly path: string } | { readonly text: string };

/**
 * Whole lines of a source: `buf[start, end)` holds complete LF-terminated lines, and the last chunk also the final
 * line without terminator (possibly empty). A `text` chunk carries text that is not well-formed UTF-16 (lone
 * surrogates), which is validated as text so nothing is replaced. `bytesRead` counts the source consumed so far.
 */
export type LineChunk =
  | { readonly kind: 'bytes'; readonly buf: Buffer; readonly start: number; readonly end: number; readonly last: boolean; readonly bytesRead: number }
  | { readonly kind: 'text'; readonly text: string; readonly bytesRead: number };

/** Bytes read from a file at a time. */
export const CHUNK_BYTES = 4 << 20;

/** The size in bytes of a source (for progress), or null when unknown. */
export function sourceSize(source: LoadSource): number | null {
  if ('text' in source) return Buffer.byteLength(source.text);
  try {
    return statSync(source.path).size;
  } catch {
    return null;
  }
}

/**
 * The chunks of a source. A chunk's buffer is reused for the next one: use it before asking for the next. A line
 * longer than the buffer grows it.
 */
export async function* sourceChunks(source: LoadSource): AsyncGenerator<LineChunk> {
  if ('text' in source) {
    const text = source.text;
    const bytesRead = Buffer.byteLength(text);
    if ((text as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      const buf = Buffer.from(text, 'utf8');
      yield { kind: 'bytes', buf, start: 0, end: buf.length, last: true, bytesRead };
    } else yield { kind: 'text', text, bytesRead };
    return;
  }
  const io = (err: unknown): OmniError => new OmniError('io', `cannot read ${source.path}: ${(err as Error).message}`, { details: { path: source.path } });
  let fh: FileHandle;
  try {
    fh = await open(source.path, 'r');
  } catch (err) {
    throw io(err);
  }
  try {
    let buf = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let bytesRead = 0;
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      let n: number;
      try {
        n = (await fh.read(buf, filled, buf.length - filled, null)).bytesRead;
      } catch (err) {
        throw io(err);
      }
      filled += n;
      bytesRead += n;
      if (n === 0) {
        yield { kind: 'bytes', buf, start: 0, end: filled, last: true, bytesRead };
        return;
      }
      const lastNl = buf.lastIndexOf(10, filled - 1);
      if (lastNl < 0) continue;
      yield { kind: 'bytes', buf, start: 0, end: lastNl + 1, last: false, bytesRead };
      buf.copyWithin(0, lastNl + 1, filled);
      filled -= lastNl + 1;
    }
  } finally {
    await fh.close();
  }
}

/**
 * Call `fn(start, end)` for each line of a bytes chunk (LF or CRLF terminated, the terminator excluded), in order.
 * Returns false as soon as `fn` does.
 */
export function forEachLine(chunk: Extract<LineChunk, { kind: 'bytes' }>, fn: (start: number, end: number) => boolean): boolean {
  const { buf, end, last } = chunk;
  let pos = chunk.start;
  for (;;) {
    let nl = buf.indexOf(10, pos);
    if (nl < 0 || nl >= end) {
      if (!last) return true;
      nl = end;
    }
    const stop = nl > pos && buf[nl - 1] === 13 ? nl - 1 : nl;
    if (!fn(pos, stop)) return false;
    if (nl === end) return true;
    pos = nl + 1;
  }
}

/** The lines of a text (LF or CRLF terminated; the final line may be empty), numbered from 1. */
export function* textLines(text: string): Generator<string> {
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    yield raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (nl < 0) return;
    start = nl + 1;
  }
}
