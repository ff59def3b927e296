// Load inputs as a stream of lines: a file read in chunks (never whole), or JSONL text already in memory.
import { createReadStream, statSync } from 'node:fs';
import { OmniError } from '../../errors/index.js';

/** What a load reads: a JSONL file by path, or JSONL text. */
export type LoadSource = { readonly path: string } | { readonly text: string };

/** One line and the bytes read so far. */
export interface SourceLine {
  readonly text: string;
  readonly line: number;
  readonly bytesRead: number;
}

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
 * The lines of a source, LF or CRLF terminated, numbered from 1 (blank lines included; the validator skips them).
 * A file is decoded as UTF-8 in 1 MiB chunks.
 */
export async function* sourceLines(source: LoadSource): AsyncGenerator<SourceLine> {
  if ('text' in source) {
    let n = 0;
    let start = 0;
    const text = source.text;
    while (start <= text.length) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      const raw = text.slice(start, end);
      yield { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, line: ++n, bytesRead: end };
      if (nl < 0) return;
      start = nl + 1;
    }
    return;
  }
  let stream;
  try {
    statSync(source.path);
    stream = createReadStream(source.path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  } catch (err) {
    throw new OmniError('io', `cannot read ${source.path}: ${(err as Error).message}`, { details: { path: source.path } });
  }
  let rest = '';
  let n = 0;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += Buffer.byteLength(chunk);
    rest += chunk;
    let start = 0;
    for (;;) {
      const nl = rest.indexOf('\n', start);
      if (nl < 0) break;
      const raw = rest.slice(start, nl);
      yield { text: raw.endsWith('\r') ? raw.slice(0, -1) : raw, line: ++n, bytesRead: bytes };
      start = nl + 1;
    }
    rest = rest.slice(start);
  }
  yield { text: rest.endsWith('\r') ? rest.slice(0, -1) : rest, line: ++n, bytesRead: bytes };
}
