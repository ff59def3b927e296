// The fast path of load validation: one line's UTF-8 bytes scanned straight into slots, or "ask the full validator".
import { isCanonicalNodeIdText } from '../values/canonical-id.js';
import { bytesText, newStringScan, scanJsonString } from './byte-scalars.js';
import { literal, readData, resetSlots, rowRules, ws } from './fast-data.js';
import type { EndpointPlan, LinePlan, TypePlan } from './line-plan.js';
import { SLOT_NULL, type LineScratch } from './line-scratch.js';
import { MAX_LINE_BYTES } from './load-line.js';

/** {@link scanLine} found a blank line. */
export const SCAN_BLANK = 0;
/** {@link scanLine} read a valid entity line into the scratch. */
export const SCAN_RECORD = 1;
/** {@link scanLine} cannot decide cheaply: run the full validator (`validateLoadLine`) on the decoded line. */
export const SCAN_SLOW = -1;

const str = newStringScan();

const Q = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

function findType(types: readonly TypePlan[], buf: Uint8Array, start: number, end: number, fold: boolean): TypePlan | null {
  for (const t of types) {
    const want = t.nameBytes;
    if (want === null || want.length !== end - start) continue;
    let k = 0;
    for (; k < want.length; k++) {
      let c = buf[start + k]!;
      if (fold && c >= 0x41 && c <= 0x5a) c += 0x20;
      if (c !== want[k]) break;
    }
    if (k === want.length) return t;
  }
  return null;
}

/** Skip a `data` object that came before `type`/`edge` (strings and nesting only); -1 if it is not simple. */
function skipObject(buf: Uint8Array, i: number, end: number): number {
  let depth = 0;
  while (i < end) {
    const c = buf[i]!;
    if (c === Q) {
      scanJsonString(buf, i, end, str);
      if (str.close < 0) return -1;
      i = str.close + 1;
      continue;
    }
    if (c === OPEN || c === 0x5b) depth++;
    else if (c === CLOSE || c === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
    i++;
  }
  return -1;
}

function canonicalEnd(p: EndpointPlan, buf: Uint8Array, start: number, end: number, ascii: boolean): boolean {
  return p.anyText || isCanonicalNodeIdText(p.node, bytesText(buf, start, end, ascii));
}

/**
 * Scan one line `buf[start, end)` (no line terminator). Returns {@link SCAN_RECORD} with `out` filled when the line
 * is a valid entity the full validator would accept with exactly these values, {@link SCAN_BLANK} for a blank line,
 * or {@link SCAN_SLOW} for anything else (errors, escapes, lists, composite keys…), which the caller must hand to
 * `validateLoadLine` on the decoded text. The J113 duplicate-id rule is the caller's.
 */
export function scanLine(plan: LinePlan, buf: Uint8Array, start: number, end: number, out: LineScratch): number {
  if (end - start > MAX_LINE_BYTES) return SCAN_SLOW;
  let i = ws(buf, start, end);
  if (i === end) return SCAN_BLANK;
  if (buf[i] !== OPEN) return SCAN_SLOW;
  i = ws(buf, i + 1, end);
  let nameStart = -1;
  let nameEnd = -1;
  let edge = -1;
  let type: TypePlan | null = null;
  let dataAt = -1;
  let dataDone = false;
  out.idStart = out.idEnd = out.fromStart = out.fromEnd = out.toStart = out.toEnd = -1;
  let seen = 0;
  for (;;) {
    if (buf[i] !== Q) return SCAN_SLOW;
    scanJsonString(buf, i, end, str);
    if (str.close < 0 || str.nonAscii) return SCAN_SLOW;
    const ks = i + 1;
    const len = str.close - ks;
    const k0 = buf[ks];
    const member = len === 4 && k0 === 0x74 && literal(buf, ks, str.close, 'type') ? 1 : len === 4 && k0 === 0x65 && literal(buf, ks, str.close, 'edge') ? 2 : len === 4 && k0 === 0x66 && literal(buf, ks, str.close, 'from') ? 4 : len === 2 && k0 === 0x74 && buf[ks + 1] === 0x6f ? 8 : len === 4 && k0 === 0x64 && literal(buf, ks, str.close, 'data') ? 16 : 0;
    if (member === 0 || (seen & member) !== 0) return SCAN_SLOW;
    seen |= member;
    i = ws(buf, str.close + 1, end);
    if (buf[i] !== COLON) return SCAN_SLOW;
    i = ws(buf, i + 1, end);
    if (member === 16) {
      if (buf[i] !== OPEN) return SCAN_SLOW;
      if (type !== null && type.fast) {
        resetSlots(type, out);
        i = readData(type, buf, i, end, out);
        dataDone = true;
      } else {
        dataAt = i;
        i = skipObject(buf, i, end);
      }
    } else {
      if (buf[i] !== Q) return SCAN_SLOW;
      scanJsonString(buf, i, end, str);
      if (str.close < 0) return SCAN_SLOW;
      if (member === 4) (out.fromStart = i + 1), (out.fromEnd = str.close);
      else if (member === 8) (out.toStart = i + 1), (out.toEnd = str.close);
      else {
        if (str.nonAscii || nameStart >= 0) return SCAN_SLOW;
        nameStart = i + 1;
        nameEnd = str.close;
        edge = member === 2 ? 1 : 0;
        type = findType(edge === 1 ? plan.edges : plan.nodes, buf, nameStart, nameEnd, edge === 1);
        if (type === null) return SCAN_SLOW;
      }
      i = str.close + 1;
    }
    if (i < 0) return SCAN_SLOW;
    i = ws(buf, i, end);
    if (buf[i] === COMMA) {
      i = ws(buf, i + 1, end);
      continue;
    }
    if (buf[i] !== CLOSE) return SCAN_SLOW;
    break;
  }
  if (ws(buf, i + 1, end) !== end || type === null || !type.fast) return SCAN_SLOW;
  if (edge === 1 ? (seen & 12) !== 12 : (seen & 12) !== 0) return SCAN_SLOW;
  if (!dataDone) {
    resetSlots(type, out);
    if (dataAt >= 0 && readData(type, buf, dataAt, end, out) < 0) return SCAN_SLOW;
  }
  return finishLine(type, buf, out) ? SCAN_RECORD : SCAN_SLOW;
}

function finishLine(t: TypePlan, buf: Uint8Array, out: LineScratch): boolean {
  out.type = t;
  if (!rowRules(t, buf, out)) return false;
  out.keyStart = out.idStart;
  out.keyEnd = out.idEnd;
  if (t.keySlot >= 0) {
    const k = t.keySlot;
    if (out.state[k] === SLOT_NULL) return false;
    const ks = out.start[k]!;
    const ke = out.end[k]!;
    if (ke - ks === 2 && buf[ks] === 0x2d && buf[ks + 1] === 0x30) return false;
    if (out.idStart >= 0 && !bytesEqualRange(buf, ks, ke, out.idStart, out.idEnd)) return false;
    out.keyStart = ks;
    out.keyEnd = ke;
  }
  if (t.from !== null && t.to !== null) {
    if (!canonicalEnd(t.from, buf, out.fromStart, out.fromEnd, false) || !canonicalEnd(t.to, buf, out.toStart, out.toEnd, false)) return false;
  }
  return true;
}

function bytesEqualRange(buf: Uint8Array, a: number, b: number, c: number, d: number): boolean {
  if (b - a !== d - c) return false;
  for (let k = 0; k < b - a; k++) if (buf[a + k] !== buf[c + k]) return false;
  return true;
}
