// The CLI skeleton: version, help, and exit code 2 with a usage message for unknown commands and flags.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

describe('cli', () => {
  it('prints the package version', async () => {
    expect(await run('version')).toEqual({ code: 0, out: `omnigraph ${pkg.version}\n`, err: '' });
    expect(JSON.parse((await run('version', '--json')).out)).toEqual({ version: pkg.version });
    expect((await run('--version')).out.trim()).toBe(pkg.version);
  });

  it('prints help with exit 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Usage: omnigraph');
    expect(r.out).toContain('version');
  });

  it.each([['frobnicate'], ['--no-such-flag'], ['version', '--no-such-flag']])('exits 2 with a usage message for %j', async (...argv) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/error: unknown/);
    expect(r.err).toContain('--help');
  });

  it('the binary entry point sets the process exit code', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'nope'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'nope'");
    const ok = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'version'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe(`omnigraph ${pkg.version}\n`);
  });
});
