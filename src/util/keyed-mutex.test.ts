// Unit tests of the keyed mutex.
import { describe, expect, it } from 'vitest';
import { KeyedMutex } from './keyed-mutex.js';

const tick = (ms = 2): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('KeyedMutex', () => {
  it('serializes holders of one key in arrival order', async () => {
    const m = new KeyedMutex();
    const order: string[] = [];
    await Promise.all(
      ['a', 'b', 'c'].map((name) =>
        m.with(['k'], async () => {
          order.push(`${name}+`);
          await tick();
          order.push(`${name}-`);
        }),
      ),
    );
    expect(order).toEqual(['a+', 'a-', 'b+', 'b-', 'c+', 'c-']);
    expect(m.isBusy('k')).toBe(false);
  });

  it('lets different keys run in parallel and overlapping sets never deadlock', async () => {
    const m = new KeyedMutex();
    let running = 0;
    let max = 0;
    const job = (keys: string[]) =>
      m.with(keys, async () => {
        running++;
        max = Math.max(max, running);
        await tick(5);
        running--;
      });
    await Promise.all([job(['x']), job(['y'])]);
    expect(max).toBe(2);
    await Promise.all([job(['p', 'q']), job(['q', 'p']), job(['q']), job(['p'])]);
  });

  it('a release is idempotent', async () => {
    const m = new KeyedMutex();
    const r = await m.acquire(['k']);
    r();
    r();
    const r2 = await m.acquire(['k']);
    r2();
    expect(m.isBusy('k')).toBe(false);
  });
});
