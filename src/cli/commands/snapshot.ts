// `omnigraph snapshot [URI] [--store U] [--branch B] [--json]`: the pinned tables of a branch head.
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import type { CliIO } from '../program.js';
import { jsonDocument, snapshotOutput } from '../render.js';
import { resolveTarget } from '../target.js';

/** Register `snapshot`. Read-only: it never writes to the graph. */
export function registerSnapshot(program: Command, io: CliIO): void {
  program
    .command('snapshot')
    .description('show the tables and versions a branch head pins')
    .argument('[URI]', 'the graph')
    .option('--store <uri>', 'the graph (instead of the positional URI)')
    .option('--branch <branch>', 'the branch', 'main')
    .option('--json', 'print SnapshotOutput as JSON')
    .action(async (positional: string | undefined, opts: { store?: string; branch: string; json?: boolean }) => {
      const graph = await Omnigraph.open(resolveTarget(positional, opts), { mode: 'read-only' });
      try {
        const out = snapshotOutput(await graph.snapshot({ branch: opts.branch }));
        if (opts.json === true) return io.out(jsonDocument(out));
        const lines = [
          `graph_branch: ${out.graph_branch}`,
          `graph_manifest_version: ${out.graph_manifest_version}`,
          `internal_schema_version: ${out.internal_schema_version}`,
          ...out.datasets.map(
            (d) =>
              `${d.entity_kind} type '${d.type_name}' published_dataset_version=${d.published_dataset_version} native_dataset_branch=${d.native_dataset_branch ?? 'main'} entities=${d.entity_count}`,
          ),
        ];
        io.out(`${lines.join('\n')}\n`);
      } finally {
        await graph.close();
      }
    });
}
