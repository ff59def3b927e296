// Byte-level scalars against their text counterparts: dates vs parseIsoDate, numbers vs Number, UTF-8 vs a decoder.
import { describe, expect, it } from 'vitest';
import { mulberry32 as prng } from '../../util/prng.js';
import { parseIsoDate } from '../values/temporal.js';
import { bytesText, daysFromCivil, isoDateDays, isWellFormedUtf8, newNumberScan, newStringScan, scanJsonNumber, scanJsonString } from './byte-scalars.js';

const enc = new TextEncoder();
const fatal = new TextDecoder('utf-8', { fatal: true });

describe('isoDateDays', () => {
  it('agrees with parseIsoDate on every day of sampled years and on malformed text', () => {
    for (const y of [0, 1, 4, 100, 400, 1582, 1900, 1969, 1970, 2000, 2024, 2100, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const b = enc.encode(text);
          expect(isoDateDays(b, 0, b.length), text).toBe(parseIsoDate(text));
        }
      }
    }
    for (const text of ['2024-1-01', '2024-01-1', '20240101', '2024-01-01T', ' 2024-01-01', '2024/01/01', '２０２４-01-01', '']) {
      const b = enc.encode(text);
      expect(isoDateDays(b, 0, b.length), text).toBe(parseIsoDate(text));
    }
  });

  it('counts days like the JavaScript calendar', () => {
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2026, 3, 27)).toBe(20539);
    expect(daysFromCivil(0, 1, 1)).toBe(Math.round(new Date('0000-01-01T00:00:00Z').getTime() / 86_400_000));
  });
});

describe('scanJsonNumber', () => {
  it('computes exactly what Number computes, or leaves it to the caller', () => {
    const rand = prng(7);
    const n = newNumberScan();
    const samples = ['0', '-0', '7', '-12', '0.1', '0.30000000000000004', '123456789012345', '1234567890123456', '1.5e3', '9007199254740993', '-0.0'];
    for (let k = 0; k < 2000; k++) samples.push(((rand() - 0.5) * 10 ** Math.floor(rand() * 12)).toFixed(Math.floor(rand() * 8)));
    for (const text of samples) {
      const b = enc.encode(text);
      scanJsonNumber(b, 0, b.length, n);
      expect(n.end, text).toBe(b.length);
      if (!Number.isNaN(n.value)) expect(Object.is(n.value, Number(text)), text).toBe(true);
    }
  });

  it('stops at the end of the JSON number grammar', () => {
    const n = newNumberScan();
    const end = (text: string): number => {
      const b = enc.encode(text);
      scanJsonNumber(b, 0, b.length, n);
      return n.end;
    };
    expect([end('01'), end('1.'), end('-'), end('+1'), end('.5'), end('1e'), end('1e+'), end('12,')]).toEqual([1, -1, -1, -1, -1, -1, -1, 2]);
  });
});

describe('scanJsonString and UTF-8', () => {
  it('accepts exactly the well-formed UTF-8 a decoder takes without replacement', () => {
    const rand = prng(11);
    for (let k = 0; k < 20000; k++) {
      const b = Uint8Array.from({ length: 1 + Math.floor(rand() * 6) }, () => [0x41, 0x80, 0xbf, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xa0, 0x9f, 0x90, 0x8f][Math.floor(rand() * 15)]!);
      let ok = true;
      try {
        fatal.decode(b);
      } catch {
        ok = false;
      }
      expect(isWellFormedUtf8(b, 0, b.length), [...b].join(',')).toBe(ok);
    }
  });

  it('finds the closing quote of plain strings and refuses escapes and control characters', () => {
    const s = newStringScan();
    const close = (text: string): number => {
      const b = enc.encode(text);
      scanJsonString(b, 0, b.length, s);
      return s.close;
    };
    expect(close('"abc",')).toBe(4);
    expect(close('"é"')).toBe(3);
    expect(s.nonAscii).toBe(true);
    expect([close('"a\\"b"'), close('"a\tb"'), close('"abc')]).toEqual([-1, -1, -1]);
    expect(bytesText(enc.encode('xé😀'), 0, 7, false)).toBe('xé😀');
  });
});
