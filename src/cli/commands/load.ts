// `omnigraph load [URI] --data <file.jsonl> --mode <m> [--branch B [--from BASE]]`: one JSONL file as one atomic commit (spec cli.md §6.2).
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { OmniError, RequestError } from '../../errors/index.js';
import type { LoadMode, LoadProgress, LoadResult } from '../../exec/load/index.js';
import { parseStorageUri } from '../../store/object/uri.js';
import type { CliIO } from '../program.js';
import { commitOutput, jsonDocument } from '../render.js';
import { writeOpenOptions } from '../lease-env.js';
import { resolveTarget } from '../target.js';

interface LoadFlags {
  store?: string;
  uri?: string;
  data: string;
  mode: string;
  branch: string;
  from?: string;
  json?: boolean;
  as?: string;
  yes?: boolean;
  quiet?: boolean;
  index?: boolean;
}

/** Register `load`. */
export function registerLoad(program: Command, io: CliIO): void {
  program
    .command('load')
    .description('load a strict JSONL file into a branch as one atomic commit')
    .argument('[URI]', 'the graph')
    .option('--store <uri>', 'the graph (instead of the positional URI)')
    .requiredOption('--data <file.jsonl>', 'the JSONL file')
    .requiredOption('--mode <mode>', 'append (strict insert), merge (upsert) or overwrite (replace each type in the file)')
    .option('--branch <branch>', 'the branch (it must exist unless --from is given)', 'main')
    .option('--from <base>', 'create --branch from this branch first when it does not exist')
    .option('--as <actor>', 'the actor recorded on the commit')
    .option('--yes', 'consent to an overwrite of a non-local graph')
    .option('--quiet', 'no write-target echo on stderr')
    .option('--no-index', 'after a load into main, do not build missing key indexes (id, src, dst) of tables with 10,000+ rows')
    .option('--json', 'print the result as JSON')
    .action(async (positional: string | undefined, opts: LoadFlags) => {
      const uri = resolveTarget(positional, opts);
      if (!['append', 'merge', 'overwrite'].includes(opts.mode)) throw new RequestError('usage', `--mode must be overwrite, append or merge, got '${opts.mode}'`);
      const local = parseStorageUri(uri).kind === 'file';
      if (opts.quiet !== true) io.err(`omnigraph load → ${uri} (direct, ${local ? 'local' : 'remote'})\n`);
      if (opts.mode === 'overwrite' && !local && opts.yes !== true) await confirm(uri, opts.json === true);
      const graph = await Omnigraph.open(uri, writeOpenOptions());
      try {
        const created = opts.from === undefined ? false : await ensureBranch(graph, opts.branch, opts.from);
        const bar = progressBar();
        let result: LoadResult;
        try {
          result = await graph.load(opts.data, { mode: opts.mode as LoadMode, branch: opts.branch, actor: opts.as ?? null, ...(bar === null ? {} : { onProgress: bar.update }) });
        } finally {
          bar?.done();
        }
        const commit = result.commit === null ? null : commitOutput(await graph.commit(result.commit.commitId));
        if (opts.json === true) {
          io.out(
            jsonDocument({
              uri,
              branch: result.branch,
              mode: result.mode,
              ...(opts.from === undefined ? {} : { base_branch: opts.from }),
              branch_created: created,
              nodes: result.nodes,
              edges: result.edges,
              total_entities: result.totalEntities,
              commit,
            }),
          );
        } else {
          io.out(`loaded ${uri} on branch ${result.branch} with ${result.mode}: ${result.totalEntities} entities across ${result.nodes.length} node types and ${result.edges.length} edge types\n`);
          if (created) io.out(`branch ${result.branch} created from ${opts.from}\n`);
        }
        if (opts.index !== false && result.branch === 'main' && result.commit !== null) await buildKeyIndexes(graph, io);
      } finally {
        await graph.close();
      }
    });
}

/**
 * `--from`: create `branch` from `base` when it does not exist yet; true when this call created it. An existing branch
 * is loaded as it is, whatever it was forked from. The branch stays if the load then fails.
 */
async function ensureBranch(graph: Omnigraph, branch: string, base: string): Promise<boolean> {
  try {
    await graph.head(branch);
    return false;
  } catch (err) {
    if (!(err instanceof OmniError) || err.code !== 'branch_not_found') throw err;
  }
  await graph.branchCreate(branch, { from: base });
  return true;
}

async function confirm(uri: string, json: boolean): Promise<void> {
  const refuse = `refusing destructive \`load --mode overwrite\` against non-local target ${uri} without confirmation; pass --yes to proceed`;
  if (json || !process.stdin.isTTY) throw new RequestError('bad_request', refuse);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`load --mode overwrite replaces every type in the file on ${uri}. Continue? [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new RequestError('bad_request', 'aborted');
  } finally {
    rl.close();
  }
}

/** A one-line progress bar on a TTY stderr, for files over 8 MiB; null otherwise. */
function progressBar(): { update: (p: LoadProgress) => void; done: () => void } | null {
  if (process.stderr.isTTY !== true) return null;
  let drawn = false;
  return {
    update(p) {
      if (p.totalBytes === null || p.totalBytes < 8 * 1024 * 1024) return;
      const frac = Math.min(1, p.bytesRead / p.totalBytes);
      const width = 30;
      const fill = Math.round(frac * width);
      process.stderr.write(`\r${p.phase.padEnd(6)} [${'#'.repeat(fill)}${'.'.repeat(width - fill)}] ${(frac * 100).toFixed(0).padStart(3)}% ${p.lines.toLocaleString('en-US')} lines`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\n');
    },
  };
}

/**
 * After a load into main: build the key indexes large tables lack, each a commit through the write protocol. The
 * load has landed whatever happens here, so a failure is a warning, never a failed command.
 */
async function buildKeyIndexes(graph: Omnigraph, io: CliIO): Promise<void> {
  try {
    const built = await graph.ensureIndices();
    // Printed even with --quiet (which only drops the target echo): these are commits of their own.
    if (built.length > 0) io.err(`built key indexes: ${built.map((b) => `${b.tableKey}.${b.column}`).join(', ')}\n`);
  } catch (err) {
    io.err(`warning: loaded, but building key indexes failed: ${err instanceof Error ? err.message : String(err)}\n`);
  }
}
