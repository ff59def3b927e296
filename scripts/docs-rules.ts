// Pure checks behind scripts/check-docs.ts: named paths exist, and the code/failpoint tables match the source.

const PATH_RE = /`((?:src|test|bench|docs|scripts|\.ci)\/[A-Za-z0-9_./-]*)`|\]\((?!https?:|#|mailto:)([^)\s]+)\)/g;

/** Paths a markdown file names: backticked repo paths and relative link targets (globs and placeholders skipped). */
export function namedPaths(markdown: string): string[] {
  const out = new Set<string>();
  for (const m of markdown.matchAll(PATH_RE)) {
    const raw = (m[1] ?? m[2]) as string;
    const p = raw.replace(/#.*$/, '').replace(/:\d+(-\d+)?$/, '');
    if (p === '' || /[*<>{}]/.test(p)) continue;
    out.add(p);
  }
  return [...out];
}

/** Backticked names in the first column of markdown table rows. */
export function firstColumnNames(markdown: string): string[] {
  const out: string[] = [];
  for (const line of markdown.split('\n')) {
    const m = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (m) out.push(m[1] as string);
  }
  return out;
}

/** Differences between the names a doc table lists and the names the source defines. */
export function tableMismatch(listed: readonly string[], defined: readonly string[]): { missing: string[]; unknown: string[] } {
  const l = new Set(listed);
  const d = new Set(defined);
  return { missing: defined.filter((x) => !l.has(x)), unknown: listed.filter((x) => !d.has(x)) };
}
