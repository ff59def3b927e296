// The package version, read once from package.json next to src/ or dist/.
import { readFileSync } from 'node:fs';

function readVersion(): string {
  const url = new URL('../../package.json', import.meta.url);
  const parsed = JSON.parse(readFileSync(url, 'utf8')) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

/** The omnigraph package version. */
export const PACKAGE_VERSION: string = readVersion();
