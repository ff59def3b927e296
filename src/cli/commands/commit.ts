// `omnigraph commit list|show|changes`: the commit log of a branch, one commit, and the entity changes of one commit.
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import type { CliIO } from '../program.js';
import { commitOutput, jsonDocument } from '../render.js';
import { resolveTarget } from '../target.js';
import { changeFilterOf, changeLine, withChangeFlags, type ChangeFlags } from './changes.js';

/** Register `commit list`, `commit show` and `commit changes`. All open the graph read-only. */
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
  withChangeFlags(commit.command('changes').description('the entity changes of a commit against its first parent'))
    .argument('<COMMIT_ID>', 'the commit')
    .option('--page-token <token>', 'print exactly this page (with its next_page_token) instead of every page')
    .action(async (id: string, opts: ChangeFlags & { pageToken?: string }) => {
      const graph = await Omnigraph.open(resolveTarget(undefined, opts), { mode: 'read-only' });
      try {
        const options = { filter: changeFilterOf(opts), ...(opts.limit === undefined ? {} : { limit: opts.limit }) };
        if (opts.pageToken !== undefined) {
          const page = await graph.commitChanges(id, { ...options, pageToken: opts.pageToken });
          if (opts.json === true) return io.out(jsonDocument(page));
          return io.out(page.changes.map(changeLine).join('') + (page.next_page_token === undefined ? '' : `next_page_token: ${page.next_page_token}\n`));
        }
        // Without a page token, follow next_page_token to the end and print one stitched block.
        let page = await graph.commitChanges(id, options);
        const changes = [...page.changes];
        while (page.next_page_token !== undefined) {
          page = await graph.commitChanges(id, { ...options, pageToken: page.next_page_token });
          changes.push(...page.changes);
        }
        if (opts.json === true) return io.out(jsonDocument({ cause: page.cause, changes }));
        io.out(changes.map(changeLine).join(''));
      } finally {
        await graph.close();
      }
    });
}
