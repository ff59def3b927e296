// `npm run check` step: fail when any import under src/ points up a layer or a package escapes its owner.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { checkFile } from './layers.js';

function* tsFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsFiles(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) yield full;
  }
}

const violations = [...tsFiles('src')].flatMap((f) => checkFile(f.split(path.sep).join('/'), readFileSync(f, 'utf8')));
for (const v of violations) console.error(`${v.file}: import '${v.specifier}': ${v.why}`);
if (violations.length > 0) {
  console.error(`check-layers: ${violations.length} violation(s)`);
  process.exit(1);
}
console.log('check-layers: ok');
