// Temporary directories for integration tests: one per test, removed at the end of the worker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

/** A fresh empty directory, removed after this test file finishes. */
export function tempDir(label: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `omnigraph-${label}-`));
  made.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});
