// Scalar reading on UTF-8 bytes for the fast line scanner: JSON strings and numbers, dates, UTF-8 well-formedness.

/** What {@link scanJsonNumber} found; fields are valid until the next call. */
export interface NumberScan {
  /** Index just past the number, or -1 when the bytes do not start a JSON number. */
  end: number;
  negative: boolean;
  /** True for integer text: no fraction and no exponent. */
  integer: boolean;
  /** Digits of the integer part plus the fraction (leading zeros included). */
  digits: number;
  /** The exact value when `digits` ≤ 15 and there is no exponent (the digits read as an integer, then scaled); else NaN. */
  value: number;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];

/**
 * Scan a JSON number (RFC 8259 grammar) starting at `i`, never past `end`. A value of at most 15 significant digits
 * without exponent is computed exactly here: the digits form an integer below 2^53 and one division by an exact
 * power of ten is correctly rounded, so it equals `Number(text)`. Otherwise `value` is NaN and the caller parses the
 * text. What follows the number is the caller's business.
 * @example
 * const n = newNumberScan();
 * scanJsonNumber(bytes, 0, bytes.length, n); // n.end, n.value …
 */
export function scanJsonNumber(buf: Uint8Array, i: number, end: number, out: NumberScan): void {
  out.end = -1;
  out.value = NaN;
  let j = i;
  const negative = buf[j] === 0x2d;
  if (negative) j++;
  if (j >= end) return;
  let c = buf[j]!;
  let mantissa = 0;
  let digits = 0;
  if (c === 0x30) {
    j++;
    digits = 1;
  } else if (c >= 0x31 && c <= 0x39) {
    while (j < end && (c = buf[j]!) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      digits++;
      j++;
    }
  } else return;
  let fraction = 0;
  if (j < end && buf[j] === 0x2e) {
    j++;
    const start = j;
    while (j < end && (c = buf[j]!) >= 0x30 && c <= 0x39) {
      mantissa = mantissa * 10 + (c - 0x30);
      j++;
    }
    fraction = j - start;
    if (fraction === 0) return;
    digits += fraction;
  }
  let exponent = false;
  if (j < end && (buf[j] === 0x65 || buf[j] === 0x45)) {
    j++;
    if (j < end && (buf[j] === 0x2b || buf[j] === 0x2d)) j++;
    const start = j;
    while (j < end && (c = buf[j]!) >= 0x30 && c <= 0x39) j++;
    if (j === start) return;
    exponent = true;
  }
  out.end = j;
  out.negative = negative;
  out.integer = fraction === 0 && !exponent;
  out.digits = digits;
  if (digits <= 15 && !exponent) {
    const v = fraction === 0 ? mantissa : mantissa / POW10[fraction]!;
    out.value = negative ? -v : v;
  }
}

/** A reusable {@link NumberScan}. */
export function newNumberScan(): NumberScan {
  return { end: -1, negative: false, integer: false, digits: 0, value: NaN };
}

/** What {@link scanJsonString} found; valid until the next call. */
export interface StringScan {
  /** Index of the closing quote, or -1 when the string needs the full parser (escape, control byte, bad UTF-8, no end). */
  close: number;
  /** True when some byte is ≥ 0x80 (then the bytes were checked to be well-formed UTF-8). */
  nonAscii: boolean;
}

/**
 * Scan a JSON string whose opening quote is at `i`. Only strings the strict parser would accept and decode to exactly
 * these bytes pass: no escapes, no control characters, well-formed UTF-8. Anything else sets `close` to -1.
 */
export function scanJsonString(buf: Uint8Array, i: number, end: number, out: StringScan): void {
  let j = i + 1;
  let high = false;
  out.close = -1;
  for (;;) {
    if (j >= end) return;
    const c = buf[j]!;
    if (c === 0x22) break;
    if (c === 0x5c || c < 0x20) return;
    if (c >= 0x80) high = true;
    j++;
  }
  if (high && !isWellFormedUtf8(buf, i + 1, j)) return;
  out.close = j;
  out.nonAscii = high;
}

/** A reusable {@link StringScan}. */
export function newStringScan(): StringScan {
  return { close: -1, nonAscii: false };
}

/**
 * True when `buf[start, end)` is well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF):
 * exactly the byte strings a UTF-8 decoder maps to text without replacement characters.
 */
export function isWellFormedUtf8(buf: Uint8Array, start: number, end: number): boolean {
  let i = start;
  while (i < end) {
    const c = buf[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      else if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      else if (c === 0xf4) hi = 0x8f;
    } else return false;
    if (i + need >= end) return false;
    const b1 = buf[i + 1]!;
    if (b1 < lo || b1 > hi) return false;
    for (let k = 2; k <= need; k++) {
      const b = buf[i + k]!;
      if (b < 0x80 || b > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

/** Days from 1970-01-01 to a proleptic Gregorian civil date (valid month and day assumed). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digit(buf: Uint8Array, i: number): number {
  const c = buf[i]! - 0x30;
  return c >= 0 && c <= 9 ? c : -1;
}

/**
 * `YYYY-MM-DD` in `buf[start, end)` as days since 1970-01-01, or null when it is not exactly that shape or not a
 * real calendar date (the same answers as `parseIsoDate` on the decoded text).
 */
export function isoDateDays(buf: Uint8Array, start: number, end: number): number | null {
  if (end - start !== 10 || buf[start + 4] !== 0x2d || buf[start + 7] !== 0x2d) return null;
  let y = 0;
  for (let k = 0; k < 4; k++) {
    const d = digit(buf, start + k);
    if (d < 0) return null;
    y = y * 10 + d;
  }
  const m1 = digit(buf, start + 5);
  const m2 = digit(buf, start + 6);
  const d1 = digit(buf, start + 8);
  const d2 = digit(buf, start + 9);
  if (m1 < 0 || m2 < 0 || d1 < 0 || d2 < 0) return null;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1) return null;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > (m === 2 && leap ? 29 : MONTH_DAYS[m - 1]!)) return null;
  return daysFromCivil(y, m, d);
}

/** True when `buf[start, end)` equals the bytes of `want`. */
export function bytesEqual(buf: Uint8Array, start: number, end: number, want: Uint8Array): boolean {
  if (end - start !== want.length) return false;
  for (let k = 0; k < want.length; k++) if (buf[start + k] !== want[k]) return false;
  return true;
}

const decoder = new TextDecoder();

/** The text of UTF-8 bytes (ASCII is built directly; other text goes through a decoder). */
export function bytesText(buf: Uint8Array, start: number, end: number, ascii: boolean): string {
  if (ascii && end - start <= 64) {
    let s = '';
    for (let k = start; k < end; k++) s += String.fromCharCode(buf[k]!);
    return s;
  }
  return decoder.decode(buf.subarray(start, end));
}
