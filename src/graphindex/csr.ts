// Pure CSR/CSC construction over dense int ids: counting sort of (src, dst) pairs into typed arrays.

/** One adjacency direction: the neighbours of dense id `i` are `targets[offsets[i] .. offsets[i+1])`. */
export interface Adjacency {
  /** `nodes + 1` offsets into `targets` / `edges`. */
  readonly offsets: Int32Array;
  /** Neighbour dense ids. */
  readonly targets: Int32Array;
  /** The edge table row of each neighbour entry (for edge bindings). */
  readonly edges: Int32Array;
}

/** What a CSR build needs: dense endpoint ids per edge row (-1 = dangling endpoint, skipped). */
export interface CsrInput {
  readonly src: Int32Array;
  readonly dst: Int32Array;
  /** Number of nodes of the `From` type. */
  readonly fromCount: number;
  /** Number of nodes of the `To` type. */
  readonly toCount: number;
}

/** CSR (outgoing, indexed by `From` dense id) and CSC (incoming, indexed by `To` dense id). */
export interface CsrOutput {
  readonly out: Adjacency;
  readonly in: Adjacency;
}

function build(keys: Int32Array, values: Int32Array, nodeCount: number): Adjacency {
  const offsets = new Int32Array(nodeCount + 1);
  let kept = 0;
  for (let e = 0; e < keys.length; e++) {
    const k = keys[e] as number;
    const v = values[e] as number;
    if (k < 0 || v < 0) continue;
    offsets[k + 1] = (offsets[k + 1] as number) + 1;
    kept++;
  }
  for (let i = 0; i < nodeCount; i++) offsets[i + 1] = (offsets[i + 1] as number) + (offsets[i] as number);
  const cursor = offsets.slice(0, nodeCount);
  const targets = new Int32Array(kept);
  const edges = new Int32Array(kept);
  for (let e = 0; e < keys.length; e++) {
    const k = keys[e] as number;
    const v = values[e] as number;
    if (k < 0 || v < 0) continue;
    const at = cursor[k] as number;
    cursor[k] = at + 1;
    targets[at] = v;
    edges[at] = e;
  }
  return { offsets, targets, edges };
}

/**
 * Build both directions. Edges keep their table order inside each neighbour list; dangling edges are dropped.
 * @example
 * const { out } = buildCsr({ src: Int32Array.of(0, 0), dst: Int32Array.of(1, 2), fromCount: 3, toCount: 3 });
 */
export function buildCsr(input: CsrInput): CsrOutput {
  return { out: build(input.src, input.dst, input.fromCount), in: build(input.dst, input.src, input.toCount) };
}

/** The typed arrays of an output, for zero-copy transfer between threads. */
export function csrBuffers(csr: CsrOutput): ArrayBuffer[] {
  return [csr.out, csr.in].flatMap((a) => [a.offsets.buffer, a.targets.buffer, a.edges.buffer]) as ArrayBuffer[];
}
