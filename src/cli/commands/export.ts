// `omnigraph export [URI] [--store U] [--branch B | --snapshot ID] [--type T]...`: JSONL load envelopes on stdout.
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { RequestError } from '../../errors/index.js';
import type { CliIO } from '../program.js';
import { resolveTarget } from '../target.js';

/** Register `export`. Read-only; each line re-loads with `omnigraph load`. */
export function registerExport(program: Command, io: CliIO): void {
  program
    .command('export')
    .description('print every entity of a branch or snapshot as JSONL load envelopes')
    .argument('[URI]', 'the graph')
    .option('--store <uri>', 'the graph (instead of the positional URI)')
    .option('--branch <branch>', 'the branch to export (default main)')
    .option('--snapshot <commit>', 'export the snapshot of a commit id')
    .option('--type <type>', 'only this node or edge type (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--jsonl', '(deprecated, ignored) output is always JSONL')
    .action(async (positional: string | undefined, opts: { store?: string; branch?: string; snapshot?: string; type: string[]; jsonl?: boolean }) => {
      if (opts.branch !== undefined && opts.snapshot !== undefined) throw new RequestError('usage', '--branch and --snapshot are mutually exclusive');
      if (opts.jsonl === true) io.err('warning: --jsonl is deprecated; export always writes JSONL\n');
      const graph = await Omnigraph.open(resolveTarget(positional, opts), { mode: 'read-only' });
      try {
        await graph.exportJsonl({ ...(opts.snapshot !== undefined ? { snapshot: opts.snapshot } : { branch: opts.branch ?? 'main' }), types: opts.type }, (line) => io.out(`${line}\n`));
      } finally {
        await graph.close();
      }
    });
}
