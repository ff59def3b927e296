// A real child process killed in the middle of a file:// compare-and-swap leaves the object old or new, never torn.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createFileObjectStore } from '../../src/store/object/file.js';
import type { FailpointAction } from '../../src/util/failpoints.js';
import { FAILPOINT_PAUSED_MARKER } from '../../src/util/failpoints.js';
import type { FailpointName } from '../../src/util/failpoint-names.js';
import { tempDir } from '../support/temp.js';

const CHILD = fileURLToPath(new URL('../support/object-cas-child.ts', import.meta.url));
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Run the CAS child with a failpoint; for `pause`, SIGKILL it once it reports the pause. Resolves to its signal. */
function runChild(root: string, token: string, point: FailpointName, action: FailpointAction): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, root, 'obj.json', token, 'new'], {
      env: { ...process.env, OMNIGRAPH_FAILPOINTS: `${point}=${action}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(`${FAILPOINT_PAUSED_MARKER} ${point}`)) child.kill('SIGKILL');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`child did not reach ${point}; stderr: ${stderr}`));
    }, 30_000);
    child.on('close', (_code, signal) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

describe('file object store under process kills', () => {
  const cases: ReadonlyArray<[FailpointName, FailpointAction, 'old' | 'new']> = [
    ['object.file.after-temp-write', 'pause', 'old'],
    ['object.file.after-temp-write', 'exit', 'old'],
    ['object.file.after-link', 'pause', 'new'],
    ['object.file.after-link', 'exit', 'new'],
  ];

  it.each(cases)('killed at %s (%s) leaves the %s object and blocks no writer', async (point, action, expected) => {
    const root = tempDir('kill');
    const store = createFileObjectStore(root);
    const created = await store.putIfAbsent('obj.json', enc('old'));
    if (!created.ok) throw new Error('seed failed');

    expect(await runChild(root, created.token, point, action)).toBe('SIGKILL');

    const after = await store.get('obj.json');
    expect(dec(after!.body)).toBe(expected);
    // A leftover temp file may remain (the kill skipped its removal); it never shadows the object.
    expect(readdirSync(root).filter((f) => !f.startsWith('.tmp-'))).toHaveLength(expected === 'old' ? 1 : 2);

    const next = await store.putIfMatch('obj.json', enc('next'), after!.token);
    expect(next.ok).toBe(true);
    expect(dec((await store.get('obj.json'))!.body)).toBe('next');
    expect(await store.sweep({ olderThanMs: -1 })).toBeGreaterThanOrEqual(0);
    expect(readdirSync(root)).toEqual([expected === 'old' ? 'obj.json~2' : 'obj.json~3']);
  });
});
