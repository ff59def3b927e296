// CSR/CSC construction: neighbour lists in edge order, dangling endpoints dropped, both directions.
import { describe, expect, it } from 'vitest';
import { buildCsr, csrBuffers } from './csr.js';

describe('buildCsr', () => {
  it('builds outgoing and incoming lists with edge rows', () => {
    // 0→1, 0→2, 2→0, 1→1 (self-loop), 3→-1 (dangling)
    const csr = buildCsr({ src: Int32Array.of(0, 0, 2, 1, 3), dst: Int32Array.of(1, 2, 0, 1, -1), fromCount: 4, toCount: 4 });
    expect([...csr.out.offsets]).toEqual([0, 2, 3, 4, 4]);
    expect([...csr.out.targets]).toEqual([1, 2, 1, 0]);
    expect([...csr.out.edges]).toEqual([0, 1, 3, 2]);
    expect([...csr.in.offsets]).toEqual([0, 1, 3, 4, 4]);
    expect([...csr.in.targets]).toEqual([2, 0, 1, 0]);
    expect([...csr.in.edges]).toEqual([2, 0, 3, 1]);
    expect(csrBuffers(csr)).toHaveLength(6);
  });

  it('handles endpoint types of different sizes and no edges', () => {
    const csr = buildCsr({ src: Int32Array.of(1), dst: Int32Array.of(0), fromCount: 2, toCount: 1 });
    expect([...csr.out.offsets]).toEqual([0, 0, 1]);
    expect([...csr.in.offsets]).toEqual([0, 1]);
    const empty = buildCsr({ src: new Int32Array(0), dst: new Int32Array(0), fromCount: 0, toCount: 0 });
    expect([...empty.out.offsets]).toEqual([0]);
  });
});
