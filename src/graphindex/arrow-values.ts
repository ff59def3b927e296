// Arrow columns → the executor's plain values (strings, numbers, bigints, day/ms numbers for dates, arrays for lists).
import type { ArrowTable } from '../store/lance/index.js';
import type { LogicalColumnType } from '../compiler/index.js';

/** One in-memory value: Date as epoch days, DateTime as epoch ms, I64/U64 as bigint, lists and vectors as arrays. */
export type CellValue = string | number | bigint | boolean | Uint8Array | readonly CellValue[] | null;

const DAY_MS = 86_400_000;

interface VectorLike {
  readonly length: number;
  get(i: number): unknown;
  isValid(i: number): boolean;
}

function scalar(t: LogicalColumnType, v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'date32':
      return v instanceof Date ? Math.floor(v.getTime() / DAY_MS) : Math.floor(Number(v) / DAY_MS);
    case 'date64':
      return v instanceof Date ? v.getTime() : Number(v);
    case 'int':
      if (t.bits === 64) return typeof v === 'bigint' ? v : BigInt(v as number);
      return Number(v);
    case 'list':
    case 'vector': {
      const inner = v as VectorLike;
      const element: LogicalColumnType = t.kind === 'list' ? t.element : { kind: 'float', bits: 32 };
      const out: CellValue[] = [];
      for (let i = 0; i < inner.length; i++) out.push(scalar(element, inner.get(i)));
      return out;
    }
    default:
      return v as CellValue;
  }
}

interface Utf8Chunk {
  readonly length: number;
  readonly nullCount: number;
  readonly valueOffsets: Int32Array | BigInt64Array;
  readonly values: Uint8Array;
}

/**
 * Decode a Utf8 column in bulk: an all-ASCII chunk without nulls is decoded once and sliced by offsets (ids and
 * keys are usually ASCII); anything else falls back to per-value decoding. Returns false when not applicable.
 */
function fastUtf8(vec: unknown, out: CellValue[]): boolean {
  const chunks = (vec as { data?: readonly Utf8Chunk[] }).data;
  if (chunks === undefined) return false;
  let at = 0;
  for (const c of chunks) {
    if (c.nullCount !== 0 || !(c.valueOffsets instanceof Int32Array)) return false;
    const bytes = c.values;
    for (let i = 0; i < bytes.length; i++) if ((bytes[i] as number) >= 0x80) return false;
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const off = c.valueOffsets;
    for (let i = 0; i < c.length; i++) out[at++] = text.slice(off[i] as number, off[i + 1] as number);
  }
  return at === out.length;
}

/** Every value of column `name` of `table`, converted by its logical type. */
export function columnValues(table: ArrowTable, name: string, type: LogicalColumnType): CellValue[] {
  const vec = table.getChild(name) as unknown as VectorLike | null;
  const out = new Array<CellValue>(table.numRows);
  if (vec === null) return out.fill(null);
  if (type.kind === 'utf8' && fastUtf8(vec, out)) return out;
  if (type.kind === 'utf8' || type.kind === 'bool' || type.kind === 'float' || (type.kind === 'int' && type.bits === 32)) {
    for (let i = 0; i < table.numRows; i++) out[i] = (vec.get(i) ?? null) as CellValue;
    return out;
  }
  for (let i = 0; i < table.numRows; i++) out[i] = scalar(type, vec.get(i));
  return out;
}
