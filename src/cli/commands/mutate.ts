// `omnigraph mutate [NAME] (--query F | -e GQ)`: run a `.gq` mutation as one atomic commit (spec cli.md §6.5).
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { OmniError, RequestError } from '../../errors/index.js';
import { CliExit, type CliIO } from '../program.js';
import { commitOutput, jsonDocument } from '../render.js';
import { writeOpenOptions } from '../lease-env.js';
import { resolveTarget } from '../target.js';

interface MutateFlags {
  store?: string;
  uri?: string;
  query?: string;
  queryString?: string;
  params?: string;
  paramsFile?: string;
  branch: string;
  ifCommit?: string;
  as?: string;
  json?: boolean;
}

/** Exit code of a lost `--if-commit` compare-and-swap. */
export const EXIT_PRECONDITION = 4;

/** Register `mutate` (alias `change`). */
export function registerMutate(program: Command, io: CliIO): void {
  program
    .command('mutate')
    .alias('change')
    .description('run a .gq mutation query as one atomic commit')
    .argument('[NAME]', 'the query to run when the source declares several')
    .option('--store <uri>', 'the graph')
    .option('--uri <uri>', 'the graph')
    .option('--query <file.gq>', 'the query file')
    .option('-e, --query-string <gq>', 'the query text')
    .option('--params <json>', 'parameters as a JSON object')
    .option('--params-file <path>', 'parameters from a JSON file')
    .option('--branch <branch>', 'the branch', 'main')
    .option('--if-commit <commit>', 'run only if the branch head is this commit (exit 4 otherwise)')
    .option('--as <actor>', 'the actor recorded on the commit')
    .option('--json', 'print ChangeOutput as JSON')
    .action(async (name: string | undefined, opts: MutateFlags) => {
      const uri = resolveTarget(undefined, opts);
      if (opts.query !== undefined && opts.queryString !== undefined) throw new RequestError('usage', '--query and -e/--query-string are mutually exclusive');
      if (opts.params !== undefined && opts.paramsFile !== undefined) throw new RequestError('usage', '--params and --params-file are mutually exclusive');
      if (opts.query === undefined && opts.queryString === undefined) {
        throw new RequestError('usage', "provide a query with -e '<gq>' or --query <file>; the stored-query catalog needs a server");
      }
      if (opts.queryString !== undefined && opts.queryString.trim() === '') throw new RequestError('usage', '-e needs a non-empty query');
      const text = opts.queryString ?? (await readText(opts.query!, 'query file'));
      const params = parseParams(opts.params ?? (opts.paramsFile === undefined ? undefined : await readText(opts.paramsFile, 'params file')));
      const graph = await Omnigraph.open(uri, writeOpenOptions());
      try {
        const r = await graph.mutate(text, {
          ...(name === undefined ? {} : { name }),
          params,
          branch: opts.branch,
          ...(opts.ifCommit === undefined ? {} : { ifCommit: opts.ifCommit }),
          actor: opts.as ?? null,
        });
        const commit = r.commit === null ? null : commitOutput(await graph.commit(r.commit.commitId));
        if (opts.json === true) {
          io.out(jsonDocument({ branch: r.branch, query_name: r.queryName, affected_nodes: r.affectedNodes, affected_edges: r.affectedEdges, actor_id: r.actor, commit }));
        } else {
          io.out(`changed ${r.branch} via ${r.queryName}: ${r.affectedNodes} nodes, ${r.affectedEdges} edges\n${r.actor === null ? '' : `actor_id: ${r.actor}\n`}`);
        }
      } catch (err) {
        if (err instanceof OmniError && err.code === 'precondition_failure') {
          if (opts.json === true) io.out(jsonDocument({ error: err.message, precondition_failure: err.details.precondition_failure ?? null }));
          else io.err(`error: ${err.message}\n`);
          throw new CliExit(EXIT_PRECONDITION);
        }
        throw err;
      } finally {
        await graph.close();
      }
    });
}

async function readText(path: string, what: string): Promise<string> {
  return readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new RequestError('bad_request', `cannot read ${what} '${path}': ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
  });
}

function parseParams(text: string | undefined): Record<string, unknown> {
  if (text === undefined) return {};
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new RequestError('bad_request', `params are not valid JSON: ${(err as Error).message}`);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new RequestError('bad_request', 'params must be a JSON object');
  return v as Record<string, unknown>;
}
