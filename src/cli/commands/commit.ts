// `omnigraph commit list|show`: the commit log of a branch, and one commit.
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import type { CliIO } from '../program.js';
import { commitOutput, jsonDocument } from '../render.js';
import { resolveTarget } from '../target.js';

/** Register `commit list` and `commit show`. Both open the graph read-only. */
export function registerCommit(program: Command, io: CliIO): void {
  const commit = program.command('commit').description('inspect commits');
  commit
    .command('list')
    .description('commits visible from a branch, newest first')
    .argument('[URI]', 'the graph')
    .option('--store <uri>', 'the graph (instead of the positional URI)')
    .option('--branch <branch>', 'the branch', 'main')
    .option('--json', 'print {commits: [CommitOutput]} as JSON')
    .action(async (positional: string | undefined, opts: { store?: string; branch: string; json?: boolean }) => {
      const graph = await Omnigraph.open(resolveTarget(positional, opts), { mode: 'read-only' });
      try {
        const commits = (await graph.commits({ branch: opts.branch })).map(commitOutput);
        if (opts.json === true) return io.out(jsonDocument({ commits }));
        io.out(
          commits
            .map((c) => `${c.graph_commit_id} graph_branch=${c.graph_branch} graph_manifest_version=${c.graph_manifest_version}${c.actor_id === null ? '' : ` actor=${c.actor_id}`}\n`)
            .join(''),
        );
      } finally {
        await graph.close();
      }
    });
  commit
    .command('show')
    .description('one commit by id')
    .argument('<COMMIT_ID>', 'the commit')
    .option('--uri <uri>', 'the graph')
    .option('--store <uri>', 'the graph')
    .option('--json', 'print CommitOutput as JSON')
    .action(async (id: string, opts: { uri?: string; store?: string; json?: boolean }) => {
      const graph = await Omnigraph.open(resolveTarget(undefined, opts), { mode: 'read-only' });
      try {
        const out = commitOutput(await graph.commit(id));
        if (opts.json === true) return io.out(jsonDocument(out));
        io.out(Object.entries(out).map(([k, v]) => `${k}: ${v ?? ''}\n`).join(''));
      } finally {
        await graph.close();
      }
    });
}
