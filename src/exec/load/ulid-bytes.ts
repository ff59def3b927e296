// ULIDs minted straight into a byte buffer for a load's generated ids: one random draw per millisecond, then +1.
import { randomFillSync } from 'node:crypto';

const ALPHABET = new TextEncoder().encode('0123456789ABCDEFGHJKMNPQRSTVWXYZ');
/** Length of a ULID in bytes (and characters). */
export const ULID_LENGTH = 26;

/**
 * A monotonic ULID source writing ASCII bytes: 10 characters of millisecond time, then 16 of randomness drawn once per
 * millisecond and incremented by one for each further id in that millisecond (the ULID spec's monotonic mode), so ids
 * stay unique and sortable without a random draw or a string per id.
 * @example
 * const ulids = new UlidBytes();
 * ulids.write(buf, at); // buf[at, at + 26) is a fresh ULID
 */
export class UlidBytes {
  #time = -1;
  /** The current ULID as ASCII: 10 time characters, then the 16 random digits as characters. */
  readonly #text = new Uint8Array(ULID_LENGTH);
  /** The 16 random base-32 digits, most significant first. */
  readonly #digits = new Uint8Array(16);
  #calls = 0;

  /** Write the next ULID into `dst[at, at + 26)`. */
  write(dst: Uint8Array, at: number): void {
    // Reading the clock for every id is wasted work; a fresh millisecond every 256 ids keeps the time current enough.
    if ((this.#calls++ & 255) === 0) this.#tick(Date.now());
    else this.#increment();
    const t = this.#text;
    for (let k = 0; k < ULID_LENGTH; k++) dst[at + k] = t[k]!;
  }

  #tick(now: number): void {
    if (now <= this.#time) {
      this.#increment();
      return;
    }
    this.#time = now;
    let t = now;
    for (let k = 9; k >= 0; k--) {
      this.#text[k] = ALPHABET[t % 32]!;
      t = Math.floor(t / 32);
    }
    randomFillSync(this.#digits);
    for (let k = 0; k < 16; k++) {
      this.#digits[k]! &= 31;
      this.#text[10 + k] = ALPHABET[this.#digits[k]!]!;
    }
  }

  #increment(): void {
    const d = this.#digits;
    for (let k = 15; k >= 0; k--) {
      if (d[k]! < 31) {
        d[k]!++;
        this.#text[10 + k] = ALPHABET[d[k]!]!;
        return;
      }
      d[k] = 0;
      this.#text[10 + k] = ALPHABET[0]!;
    }
    // 80 random bits ran over (never in practice): move to the next millisecond with a fresh draw.
    this.#tick(this.#time + 1);
  }
}
