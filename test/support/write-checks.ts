// Assertions for user writes: the stored bytes are unchanged after a refused write, and the error code is as expected.
import { expect } from 'vitest';
import type { Omnigraph } from '../../src/engine.js';
import { listStored } from './lance-backends.js';

/** The stored objects of a graph minus the write lease (its heartbeat is not a graph change). */
export async function storedState(uri: string): Promise<string> {
  return JSON.stringify((await listStored(uri)).filter((o) => !o.key.startsWith('__lease')));
}

/**
 * Run `op`, expect it to fail with `code`, and expect the graph's storage and its branch head to be byte-identical
 * afterwards. Returns the error for further assertions.
 */
export async function expectRefused(graph: Omnigraph, code: string, op: () => Promise<unknown>, branch = 'main'): Promise<Error & { code: string; details: Record<string, unknown> }> {
  const before = await storedState(graph.uri);
  const head = await graph.head(branch);
  let caught: unknown;
  try {
    await op();
  } catch (err) {
    caught = err;
  }
  expect(caught, `expected ${code}`).toBeDefined();
  expect((caught as { code?: string }).code, (caught as Error).message).toBe(code);
  expect(await storedState(graph.uri)).toBe(before);
  expect(await graph.head(branch)).toEqual(head);
  return caught as Error & { code: string; details: Record<string, unknown> };
}
