// The fast path's reading of a line's `data` object: each member into its slot, then the row rules.
import { MAX_DATETIME_MS, parseIsoDateTime } from '../values/temporal.js';
import { bytesEqual, bytesText, isoDateDays, newNumberScan, newStringScan, scanJsonNumber, scanJsonString } from './byte-scalars.js';
import type { SlotPlan, TypePlan } from './line-plan.js';
import { SLOT_BIG, SLOT_NULL, SLOT_VALUE, type LineScratch } from './line-scratch.js';

const str = newStringScan();
const num = newNumberScan();

const Q = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const CLOSE = 0x7d;

/** The index of the first byte at or after `i` that is not JSON whitespace (or `end`). */
export function ws(buf: Uint8Array, i: number, end: number): number {
  while (i < end) {
    const c = buf[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a) break;
    i++;
  }
  return i;
}

/** True when `buf` holds the ASCII `word` at `i`. */
export function literal(buf: Uint8Array, i: number, end: number, word: string): boolean {
  if (i + word.length > end) return false;
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word.charCodeAt(k)) return false;
  return true;
}

function findSlot(slots: readonly SlotPlan[], buf: Uint8Array, start: number, end: number): number {
  for (let s = 0; s < slots.length; s++) if (bytesEqual(buf, start, end, slots[s]!.nameBytes)) return s;
  return -1;
}

/** Read one integer-typed value (I32/U32/I64/U64/Date days as a number) into slot `s`; -1 when not fast. */
function readInteger(buf: Uint8Array, i: number, end: number, slot: SlotPlan, s: number, out: LineScratch): number {
  scanJsonNumber(buf, i, end, num);
  if (num.end < 0 || !num.integer) return -1;
  const kind = slot.kind;
  if (Number.isNaN(num.value)) {
    if (kind !== 'i64' && kind !== 'u64') return -1;
    const n = BigInt(bytesText(buf, i, num.end, true));
    if (kind === 'i64' ? n < -(2n ** 63n) || n > 2n ** 63n - 1n : n < 0n || n > 2n ** 64n - 1n) return -1;
    out.state[s] = SLOT_BIG;
    out.big[s] = n;
    out.num[s] = Number(n);
  } else {
    const v = num.value;
    if (kind === 'i32' && (v < -2147483648 || v > 2147483647)) return -1;
    if ((kind === 'u32' && (v < 0 || v > 4294967295)) || (kind === 'u64' && v < 0)) return -1;
    if (kind === 'date' && (v < -2147483648 || v > 2147483647)) return -1;
    out.state[s] = SLOT_VALUE;
    out.num[s] = v === 0 ? 0 : v;
  }
  return num.end;
}

/** Read the value of slot `s` at `i`; returns the index after it, or -1 for "not fast". */
function readValue(buf: Uint8Array, i: number, end: number, slot: SlotPlan, s: number, out: LineScratch): number {
  out.start[s] = i;
  const c = buf[i];
  if (c === 0x6e) {
    if (!literal(buf, i, end, 'null')) return -1;
    out.state[s] = SLOT_NULL;
    return i + 4;
  }
  switch (slot.kind) {
    case 'string':
    case 'enum':
    case 'date':
    case 'datetime': {
      if (c !== Q) {
        if (slot.kind === 'date') return readInteger(buf, i, end, slot, s, out);
        if (slot.kind !== 'datetime') return -1;
        scanJsonNumber(buf, i, end, num);
        if (num.end < 0 || !num.integer) return -1;
        const ms = Number.isNaN(num.value) ? Number(bytesText(buf, i, num.end, true)) : num.value;
        if (Math.abs(ms) > MAX_DATETIME_MS) return -1;
        out.state[s] = SLOT_VALUE;
        out.num[s] = ms;
        return num.end;
      }
      scanJsonString(buf, i, end, str);
      if (str.close < 0) return -1;
      out.start[s] = i + 1;
      out.end[s] = str.close;
      out.state[s] = SLOT_VALUE;
      if (slot.kind === 'date') {
        const days = isoDateDays(buf, i + 1, str.close);
        if (days === null) return -1;
        out.num[s] = days;
      } else if (slot.kind === 'datetime') {
        const ms = parseIsoDateTime(bytesText(buf, i + 1, str.close, !str.nonAscii));
        if (ms === null || Math.abs(ms) > MAX_DATETIME_MS) return -1;
        out.num[s] = ms;
      } else if (slot.checks !== null && slot.checks.length > 0) {
        const text = bytesText(buf, i + 1, str.close, !str.nonAscii);
        for (const re of slot.checks) if (!re.test(text)) return -1;
      } else if (slot.checks === null) return -1;
      return str.close + 1;
    }
    case 'bool':
      if (literal(buf, i, end, 'true')) {
        out.num[s] = 1;
        out.end[s] = i + 4;
      } else if (literal(buf, i, end, 'false')) {
        out.num[s] = 0;
        out.end[s] = i + 5;
      } else return -1;
      out.state[s] = SLOT_VALUE;
      return out.end[s]!;
    case 'f32':
    case 'f64': {
      scanJsonNumber(buf, i, end, num);
      if (num.end < 0) return -1;
      let x = Number.isNaN(num.value) ? Number(bytesText(buf, i, num.end, true)) : num.value;
      if (slot.kind === 'f32') x = Math.fround(x);
      if (!Number.isFinite(x)) return -1;
      out.state[s] = SLOT_VALUE;
      out.num[s] = x;
      out.end[s] = num.end;
      return num.end;
    }
    case 'complex':
      return -1;
    default: {
      const after = readInteger(buf, i, end, slot, s, out);
      out.end[s] = after;
      return after;
    }
  }
}

/** Rules on the whole row: required properties, enums, `@range` (checks ran per value). False means "not fast". */
export function rowRules(t: TypePlan, buf: Uint8Array, out: LineScratch): boolean {
  const slots = t.slots;
  for (let s = 0; s < slots.length; s++) {
    const slot = slots[s]!;
    if (out.state[s] === SLOT_NULL) {
      if (!slot.nullable) return false;
      continue;
    }
    if (slot.enumValues !== null) {
      let found = false;
      for (const v of slot.enumValues) if (bytesEqual(buf, out.start[s]!, out.end[s]!, v)) found = true;
      if (!found) return false;
    }
    for (const r of slot.ranges) {
      const x = out.num[s]!;
      if (slot.kind === 'string' || slot.kind === 'enum' || slot.kind === 'bool') break;
      if ((r.min !== null && x < r.min) || (r.max !== null && x > r.max)) return false;
    }
  }
  return true;
}

/** Parse `data` (its `{` at `i`) for type `t` into the slots; returns the index after `}`, or -1 for "not fast". */
export function readData(t: TypePlan, buf: Uint8Array, i: number, end: number, out: LineScratch): number {
  const slots = t.slots;
  i = ws(buf, i + 1, end);
  if (buf[i] === CLOSE) return i + 1;
  for (;;) {
    if (buf[i] !== Q) return -1;
    scanJsonString(buf, i, end, str);
    if (str.close < 0 || str.nonAscii) return -1;
    const ks = i + 1;
    const ke = str.close;
    i = ws(buf, ke + 1, end);
    if (buf[i] !== COLON) return -1;
    i = ws(buf, i + 1, end);
    if (ke - ks === 2 && buf[ks] === 0x69 && buf[ks + 1] === 0x64) {
      if (out.idStart >= 0 || buf[i] !== Q) return -1;
      scanJsonString(buf, i, end, str);
      if (str.close < 0) return -1;
      out.idStart = i + 1;
      out.idEnd = str.close;
      i = str.close + 1;
    } else {
      const s = findSlot(slots, buf, ks, ke);
      if (s < 0 || !slots[s]!.matchable || out.end[s] !== -1) return -1;
      i = readValue(buf, i, end, slots[s]!, s, out);
      if (i < 0) return -1;
      out.end[s] = out.state[s] === SLOT_NULL ? -2 : out.end[s] === -1 ? i : out.end[s]!;
    }
    i = ws(buf, i, end);
    if (buf[i] === COMMA) {
      i = ws(buf, i + 1, end);
      continue;
    }
    return buf[i] === CLOSE ? i + 1 : -1;
  }
}

/** Mark every slot of `t` absent before a line's `data` is read. */
export function resetSlots(t: TypePlan, out: LineScratch): void {
  for (let s = 0; s < t.slots.length; s++) {
    out.state[s] = SLOT_NULL;
    out.end[s] = -1;
  }
}

