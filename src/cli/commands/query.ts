// `omnigraph query [NAME] (-e GQ | --query FILE [--name N]) [--params J | --params-file F] [--branch B | --snapshot ID] [--format F | --json]`.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { OmniError, RequestError } from '../../errors/index.js';
import { READ_FORMATS, renderRead } from '../../engine/output.js';
import type { CliIO } from '../program.js';
import { resolveTarget } from '../target.js';

interface QueryFlags {
  store?: string;
  query?: string;
  queryString?: string;
  name?: string;
  params?: string;
  paramsFile?: string;
  branch?: string;
  snapshot?: string;
  format?: string;
  json?: boolean;
}

function usage(message: string): RequestError {
  return new RequestError('usage', message);
}

async function parseParams(flags: QueryFlags): Promise<Record<string, unknown>> {
  if (flags.params !== undefined && flags.paramsFile !== undefined) throw usage('--params and --params-file are mutually exclusive');
  const text = flags.params ?? (flags.paramsFile === undefined ? undefined : await readFile(flags.paramsFile, 'utf8'));
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new OmniError('bad_request', `params are not valid JSON: ${(err as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new OmniError('bad_request', 'params must be a JSON object');
  return parsed as Record<string, unknown>;
}

/** The query source and name from the flags (the ad-hoc lane); usage errors for the catalog lane and conflicts. */
async function querySource(positional: string | undefined, flags: QueryFlags): Promise<{ text: string; name: string | undefined }> {
  if (flags.query !== undefined && flags.queryString !== undefined) throw usage('--query and -e/--query-string are mutually exclusive');
  if (positional !== undefined && flags.name !== undefined && positional !== flags.name) throw usage('pass the query name once (positional NAME or --name)');
  const name = flags.name ?? positional;
  if (flags.queryString !== undefined) {
    if (flags.queryString.trim() === '') throw usage('-e needs a query text');
    return { text: flags.queryString, name };
  }
  if (flags.query !== undefined) return { text: await readFile(flags.query, 'utf8'), name };
  if (name === undefined) throw usage("provide a query name to invoke from the catalog, or -e '<gq>' / --query <file>");
  throw new OmniError('bad_request', 'the stored-query catalog is server-owned; against a local store pass -e or --query <file>');
}

/** Register `query` (alias `read`). Read-only: it never writes to the graph. */
export function registerQuery(program: Command, io: CliIO): void {
  program
    .command('query')
    .alias('read')
    .description('run a read query against a branch head or a snapshot')
    .argument('[NAME]', 'the query to run when the source declares several')
    .option('--store <uri>', 'the graph')
    .option('--query <file>', 'a .gq file')
    .option('-e, --query-string <gq>', 'query text')
    .option('--name <name>', 'the query to run (same as NAME)')
    .option('--params <json>', 'parameters as a JSON object')
    .option('--params-file <path>', 'parameters from a JSON file')
    .option('--branch <branch>', 'the branch to read (default main)')
    .option('--snapshot <commit>', 'read the snapshot of a commit id')
    .option('--format <format>', 'table, json, jsonl, csv or kv', 'table')
    .option('--json', 'same as --format json')
    .action(async (positional: string | undefined, flags: QueryFlags) => {
      if (flags.branch !== undefined && flags.snapshot !== undefined) throw usage('--branch and --snapshot are mutually exclusive');
      const format = flags.json === true ? 'json' : (flags.format ?? 'table');
      if (!(READ_FORMATS as readonly string[]).includes(format)) throw usage(`unknown output format '${format}'; use one of table, json, jsonl, csv, kv`);
      const uri = resolveTarget(undefined, flags);
      const { text, name } = await querySource(positional, flags);
      const params = await parseParams(flags);
      const graph = await Omnigraph.open(uri, { mode: 'read-only' });
      try {
        const out = await graph.query(text, {
          ...(name === undefined ? {} : { name }),
          params,
          ...(flags.snapshot !== undefined ? { snapshot: flags.snapshot } : { branch: flags.branch ?? 'main' }),
        });
        io.out(renderRead(out, format));
      } finally {
        await graph.close();
      }
    });
}
