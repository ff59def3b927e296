// Shortest round-trip float rendering without exponents, at float32 and float64 width.
import { describe, expect, it } from 'vitest';
import { formatFloat } from './float-format.js';

describe('formatFloat', () => {
  it('renders the shortest float32 round-trip, not the float64 expansion', () => {
    expect(formatFloat(Math.fround(0.1), 32)).toBe('0.1');
    expect(formatFloat(Math.fround(1 / 3), 32)).toBe('0.33333334');
    expect(formatFloat(123456789, 32)).toBe('123456790');
    expect(formatFloat(Math.fround(0.1), 64)).toBe('0.10000000149011612');
  });

  it('never uses exponent notation', () => {
    expect(formatFloat(1e21, 64)).toBe('1000000000000000000000');
    expect(formatFloat(1e-7, 64)).toBe('0.0000001');
    expect(formatFloat(-2.5e-8, 64)).toBe('-0.000000025');
    expect(formatFloat(3.4028234663852886e38, 32)).toBe('340282350000000000000000000000000000000');
    expect(formatFloat(Math.fround(1e-40), 32)).toBe('0.0000000000000000000000000000000000000001');
  });

  it('renders integral floats without a fraction and both zeros as 0', () => {
    expect(formatFloat(30, 64)).toBe('30');
    expect(formatFloat(-0, 64)).toBe('0');
    expect(formatFloat(0, 32)).toBe('0');
  });

  it('round-trips every rendered value at its width', () => {
    let x = 0x9e3779b9;
    for (let i = 0; i < 2000; i++) {
      x = (Math.imul(x ^ (x >>> 15), 0x85ebca6b) ^ i) >>> 0;
      const f64 = (x / 0xffffffff - 0.5) * 10 ** ((x % 60) - 30);
      expect(Number(formatFloat(f64, 64))).toBe(f64);
      const f32 = Math.fround(f64);
      expect(Math.fround(Number(formatFloat(f32, 32)))).toBe(f32);
    }
  });

  it('refuses non-finite values', () => {
    expect(() => formatFloat(Number.NaN, 64)).toThrow(RangeError);
    expect(() => formatFloat(1e39, 32)).toThrow(RangeError);
  });
});
