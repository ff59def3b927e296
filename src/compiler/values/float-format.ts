// Shortest round-trip decimal rendering of floats without exponent notation (Rust `Display` semantics).

/** A decimal `digits × 10^exponent`. */
interface Decimal {
  readonly negative: boolean;
  readonly digits: bigint;
  readonly exponent: number;
}

function parseDecimal(text: string): Decimal {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (m === null) throw new RangeError(`not a decimal: ${text}`);
  const frac = m[3] ?? '';
  return { negative: m[1] === '-', digits: BigInt((m[2] ?? '') + frac), exponent: Number(m[4] ?? '0') - frac.length };
}

function renderPlain(d: Decimal): string {
  let digits = d.digits;
  let exponent = d.exponent;
  if (digits === 0n) return '0';
  while (digits % 10n === 0n) {
    digits /= 10n;
    exponent++;
  }
  let s = digits.toString();
  if (exponent >= 0) s += '0'.repeat(exponent);
  else {
    const point = s.length + exponent;
    s = point > 0 ? `${s.slice(0, point)}.${s.slice(point)}` : `0.${'0'.repeat(-point)}${s}`;
  }
  return d.negative ? `-${s}` : s;
}

function toNumber(d: Decimal): number {
  return Number(`${d.negative ? '-' : ''}${d.digits}e${d.exponent}`);
}

/** Shortest decimal (as digits × 10^e) that reads back as the same float32. */
function shortestF32(x: number): Decimal {
  for (let p = 1; p <= 9; p++) {
    const base = parseDecimal(x.toPrecision(p));
    // The correctly rounded p-digit decimal can miss the (asymmetric) interval at a power of two; try neighbours.
    const candidates = [base, { ...base, digits: base.digits + 1n }, { ...base, digits: base.digits - 1n }];
    let best: Decimal | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
      if (c.digits < 0n) continue;
      const v = toNumber(c);
      if (Math.fround(v) !== x) continue;
      const distance = Math.abs(v - x);
      if (distance < bestDistance) {
        best = c;
        bestDistance = distance;
      }
    }
    if (best !== undefined) return best;
  }
  return parseDecimal(x.toPrecision(9));
}

/**
 * Render a finite float the way key derivation needs it: the shortest decimal that round-trips at the stored width,
 * never in exponent notation, with `-0` as `0`.
 * @example
 * formatFloat(Math.fround(0.1), 32); // '0.1'
 * formatFloat(1e21, 64);             // '1000000000000000000000'
 * formatFloat(1e-7, 64);             // '0.0000001'
 */
export function formatFloat(x: number, width: 32 | 64): string {
  if (!Number.isFinite(x)) throw new RangeError(`cannot render non-finite float ${x}`);
  if (x === 0) return '0';
  if (width === 32) {
    const f = Math.fround(x);
    if (!Number.isFinite(f)) throw new RangeError(`${x} does not fit a float32`);
    return renderPlain(shortestF32(f));
  }
  return renderPlain(parseDecimal(String(x)));
}
