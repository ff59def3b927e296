// One scanned load line, reused from line to line: slot states, byte ranges and numbers, and their logical values.
import type { LogicalValue } from '../values/logical-value.js';
import { bytesText } from './byte-scalars.js';
import type { TypePlan } from './line-plan.js';

/** Slot states. */
export const SLOT_NULL = 0;
export const SLOT_VALUE = 1;
/** A 64-bit integer beyond 2^53: the value is in `big`. */
export const SLOT_BIG = 2;

/**
 * One scanned line, reused from line to line. Ranges are byte offsets into the scanned buffer; a slot holds its
 * state, the byte range of its JSON text (string contents without quotes), and its number (integers, floats after
 * float32 rounding, dates as days, date-times as ms, booleans as 0/1).
 */
export class LineScratch {
  type: TypePlan | null = null;
  readonly state: Uint8Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly num: Float64Array;
  readonly big: (bigint | undefined)[];
  /** Explicit `data.id` range, or -1. */
  idStart = -1;
  idEnd = -1;
  /** The entity id's range: the key text of a keyed node, else the explicit id, else -1 (generate one). */
  keyStart = -1;
  keyEnd = -1;
  fromStart = -1;
  fromEnd = -1;
  toStart = -1;
  toEnd = -1;

  constructor(slots: number) {
    this.state = new Uint8Array(slots);
    this.start = new Int32Array(slots);
    this.end = new Int32Array(slots);
    this.num = new Float64Array(slots);
    this.big = new Array<bigint | undefined>(slots).fill(undefined);
  }
}

/**
 * The logical value of slot `s` of a scanned line, as `validateLoadLine` would give it (strings, numbers, bigints for
 * I64/U64, booleans, days and ms for dates). Used where a few values are needed as values (`@unique` tuples, tests).
 */
export function slotValue(out: LineScratch, buf: Uint8Array, s: number): LogicalValue {
  const state = out.state[s];
  if (state === SLOT_NULL) return null;
  if (state === SLOT_BIG) return out.big[s]!;
  const slot = out.type!.slots[s]!;
  switch (slot.kind) {
    case 'string':
    case 'enum':
      return bytesText(buf, out.start[s]!, out.end[s]!, false);
    case 'bool':
      return out.num[s] === 1;
    case 'i64':
    case 'u64':
      return BigInt(out.num[s]!);
    default:
      return out.num[s]!;
  }
}
