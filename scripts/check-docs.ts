// `npm run check` step: every path named in AGENTS.md, README.md and docs/ exists; docs/errors.md and
// docs/failpoints.md list exactly the codes and failpoints the source defines.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ALL_ERROR_CODES } from '../src/errors/codes.js';
import { FAILPOINTS } from '../src/util/failpoint-names.js';
import { firstColumnNames, namedPaths, tableMismatch } from './docs-rules.js';

const problems: string[] = [];

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? markdownFiles(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : [],
  );
}

for (const required of ['AGENTS.md', 'README.md', 'docs/architecture.md', 'docs/invariants.md', 'docs/errors.md', 'docs/dependencies.md', 'docs/failpoints.md']) {
  if (!existsSync(required)) problems.push(`${required} is missing`);
}

for (const file of ['AGENTS.md', 'README.md', ...markdownFiles('docs')].filter((f) => existsSync(f))) {
  const text = readFileSync(file, 'utf8');
  for (const p of namedPaths(text)) {
    const fromRoot = p.startsWith('./') || p.startsWith('../') ? path.join(path.dirname(file), p) : p;
    const relToFile = path.join(path.dirname(file), p);
    if (!existsSync(fromRoot) && !existsSync(relToFile)) problems.push(`${file} names '${p}', which does not exist`);
  }
}

function checkTable(file: string, defined: readonly string[], what: string): void {
  if (!existsSync(file)) return;
  const { missing, unknown } = tableMismatch(firstColumnNames(readFileSync(file, 'utf8')), defined);
  for (const m of missing) problems.push(`${file} does not list ${what} '${m}'`);
  for (const u of unknown) problems.push(`${file} lists '${u}', which is not a ${what}`);
}

checkTable('docs/errors.md', ALL_ERROR_CODES, 'error code');
checkTable('docs/failpoints.md', Object.keys(FAILPOINTS), 'failpoint');

for (const p of problems) console.error(`check-docs: ${p}`);
if (problems.length > 0) process.exit(1);
console.log('check-docs: ok');
