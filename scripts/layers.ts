// The layer rules of design §2 as data, and the pure check of one file's imports against them.

/** Folders (first segment under src/, or the top-level file name without .ts) and what each may import. */
export const LAYER_RULES: Readonly<Record<string, readonly string[]>> = {
  errors: [],
  util: ['errors'],
  compiler: ['errors', 'util'],
  store: ['errors', 'util', 'compiler'],
  manifest: ['errors', 'util', 'compiler', 'store'],
  recovery: ['errors', 'util', 'compiler', 'store', 'manifest'],
  graphindex: ['errors', 'util', 'compiler', 'store'],
  exec: ['errors', 'util', 'compiler', 'store', 'manifest', 'recovery', 'graphindex'],
  workers: ['errors', 'util', 'compiler', 'store', 'manifest', 'graphindex', 'exec'],
  actors: ['errors', 'util', 'compiler', 'store', 'manifest', 'recovery', 'graphindex', 'exec', 'workers'],
  engine: ['errors', 'util', 'compiler', 'store', 'manifest', 'recovery', 'graphindex', 'exec', 'workers', 'actors'],
  policy: ['errors', 'util', 'compiler', 'engine'],
  embed: ['errors', 'util', 'compiler', 'engine'],
  api: ['errors', 'util', 'compiler', 'engine', 'policy', 'embed'],
  server: ['errors', 'util', 'compiler', 'engine', 'policy', 'embed', 'api'],
  cluster: ['errors', 'util', 'compiler', 'store', 'engine', 'policy', 'embed', 'api', 'server'],
  cli: ['errors', 'util', 'compiler', 'store', 'engine', 'policy', 'embed', 'api', 'server', 'cluster'],
  index: ['errors', 'util', 'compiler', 'store', 'manifest', 'engine', 'policy', 'embed', 'api'],
};

/** Packages only one folder (or one file) may import. */
export const PACKAGE_OWNERS: ReadonlyArray<{ readonly pkg: RegExp; readonly owner: RegExp; readonly why: string }> = [
  { pkg: /^@lancedb\/lancedb$|^apache-arrow$/, owner: /^src\/store\/lance\//, why: 'only src/store/lance talks to LanceDB and Arrow' },
  { pkg: /^@aws-sdk\//, owner: /^src\/store\/object\//, why: 'only src/store/object talks to S3' },
  { pkg: /^piscina$/, owner: /^src\/workers\/pool\.ts$/, why: 'only src/workers/pool.ts imports piscina' },
  { pkg: /^xstate$/, owner: /^src\/actors\//, why: 'state machines live in src/actors' },
  { pkg: /^node:(fs|fs\/promises|child_process|net|http|https|worker_threads)$/, owner: /^(?!src\/compiler\/)/, why: 'src/compiler is pure: no I/O' },
];

/** One import that breaks a rule. */
export interface LayerViolation {
  readonly file: string;
  readonly specifier: string;
  readonly why: string;
}

const IMPORT_RE = /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The layer a src-relative path belongs to (`src/store/lance/x.ts` → `store`, `src/engine.ts` → `engine`). */
export function layerOf(file: string): string | null {
  const m = /^src\/([^/]+?)(?:\.ts|\/.*)$/.exec(file);
  return m === null ? null : (m[1] as string);
}

/** Resolve a relative specifier of `from` to a src-relative path (extension-insensitive). */
export function resolveRelative(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const seg of specifier.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.') parts.push(seg);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}

/** Check one file's source against the rules. Type-only imports may point anywhere (design: upward imports are types). */
export function checkFile(file: string, source: string): LayerViolation[] {
  const layer = layerOf(file);
  if (layer === null) return [];
  const allowed = LAYER_RULES[layer];
  const out: LayerViolation[] = [];
  if (allowed === undefined) return [{ file, specifier: '', why: `folder '${layer}' is not in scripts/layers.ts; add it to LAYER_RULES` }];
  for (const m of source.matchAll(IMPORT_RE)) {
    const typeOnly = m[2] !== undefined;
    const specifier = (m[3] ?? m[4]) as string;
    if (specifier.startsWith('.')) {
      if (typeOnly) continue;
      const target = layerOf(resolveRelative(file, specifier));
      if (target === null || target === layer) continue;
      if (!allowed.includes(target)) out.push({ file, specifier, why: `layer '${layer}' may not import '${target}' (allowed: ${allowed.join(', ') || 'nothing'})` });
      continue;
    }
    for (const rule of PACKAGE_OWNERS) {
      if (rule.pkg.test(specifier) && !rule.owner.test(file) && !(typeOnly && !specifier.startsWith('node:'))) {
        out.push({ file, specifier, why: rule.why });
      }
    }
  }
  return out;
}
