// `omnigraph demo [DIR]`: create (or reuse) a local graph from the bundled demo dataset and run the showcase queries.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { renderRead } from '../../engine/output.js';
import type { CliIO } from '../program.js';

/** The bundled demo files (`demo/` at the repository root, next to `src/` and `dist/`). */
export const DEMO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../demo');

const SHOWCASE: ReadonlyArray<{ title: string; name: string; params: Record<string, unknown> }> = [
  { title: 'Lookup by key', name: 'person', params: { name: 'Maya Kaur' } },
  { title: 'Two-hop traversal with a filter on the far end', name: 'software_contacts', params: { name: 'Maya Kaur' } },
  { title: 'Negation: Rust contributors who work nowhere', name: 'independent_rustaceans', params: {} },
  { title: 'Aggregation with implicit grouping', name: 'biggest_employers', params: {} },
  { title: 'Aggregating an edge property', name: 'busiest_projects', params: {} },
];

/** Register `demo`. */
export function registerDemo(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('create a local demo graph (or reuse it) and run showcase queries')
    .argument('[DIR]', 'where the demo graph lives', './demo.omni')
    .action(async (dir: string) => {
      const uri = path.resolve(dir);
      const queries = readFileSync(path.join(DEMO_DIR, 'queries.gq'), 'utf8');
      let graph: Omnigraph;
      if (existsSync(uri)) {
        graph = await Omnigraph.open(uri, { mode: 'read-only' });
        io.out(`reusing the demo graph at ${uri}\n`);
      } else {
        const started = performance.now();
        graph = await Omnigraph.init(uri, readFileSync(path.join(DEMO_DIR, 'schema.pg'), 'utf8'));
        const loaded = await graph.load({ path: path.join(DEMO_DIR, 'data.jsonl') }, { mode: 'append' });
        const n = [...loaded.nodes, ...loaded.edges].reduce((s, t) => s + t.entities_loaded, 0);
        io.out(`created ${uri}: loaded ${n} entities from demo/data.jsonl in ${Math.round(performance.now() - started)} ms\n`);
      }
      try {
        for (const q of SHOWCASE) {
          const started = performance.now();
          const out = await graph.query(queries, { name: q.name, params: q.params });
          const ms = (performance.now() - started).toFixed(1);
          io.out(`\n== ${q.title} (${q.name} ${JSON.stringify(q.params)}, ${ms} ms)\n${renderRead(out, 'table')}`);
        }
      } finally {
        await graph.close();
      }
      const rel = path.relative(process.cwd(), uri) || '.';
      const gq = path.relative(process.cwd(), path.join(DEMO_DIR, 'queries.gq'));
      io.out(
        [
          '',
          'Continue with the CLI:',
          `  omnigraph query --store ${rel} --query ${gq} person --params '{"name":"Ravi Patel"}'`,
          `  omnigraph query --store ${rel} -e 'query q() { match { $p: Person { city: "Oslo" } } return { count($p) as n } }' --json`,
          `  omnigraph export --store ${rel} --type Company`,
          `  omnigraph commit list --store ${rel}`,
          '(from a clone without a build, `omnigraph` is `npx tsx src/cli/main.ts`)',
          '',
        ].join('\n'),
      );
    });
}
