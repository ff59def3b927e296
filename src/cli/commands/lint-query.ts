// `omnigraph lint --query <file.gq> --schema <file.pg> [--json]`: lints queries offline against a schema file.
import { readFile } from 'node:fs/promises';
import { compileSchema, lintQueries, lintSchema, renderLintHuman, renderLintText } from '../../compiler/index.js';
import { CliExit, EXIT, type CliIO } from '../program.js';

/** Options of the offline query lint. */
export interface QueryLintOptions {
  readonly query: string;
  readonly schema: string;
  readonly json?: boolean;
}

async function readInput(io: CliIO, what: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
    io.err(`error: cannot read ${what} file '${path}': ${reason}\n`);
    throw new CliExit(EXIT.failure);
  }
}

/**
 * Run the offline query lint and print the document (human or `--json`); throws `CliExit(1)` after printing when
 * any query or finding is an error. A schema that does not compile is reported as the schema lint document.
 * @example
 * await runQueryLint({ query: 'q.gq', schema: 's.pg', json: true }, io);
 */
export async function runQueryLint(opts: QueryLintOptions, io: CliIO): Promise<void> {
  const schemaText = await readInput(io, 'schema', opts.schema);
  const queryText = await readInput(io, 'query', opts.query);
  const { catalog } = compileSchema(schemaText);
  if (catalog === undefined) {
    const out = { ...lintSchema(schemaText, opts.schema), query_path: opts.query };
    io.out(opts.json === true ? `${JSON.stringify(out, null, 2)}\n` : renderLintText(out));
    throw new CliExit(EXIT.failure);
  }
  const out = lintQueries(queryText, catalog, { schemaSource: { kind: 'file', path: opts.schema }, queryPath: opts.query });
  io.out(opts.json === true ? `${JSON.stringify(out, null, 2)}\n` : renderLintHuman(out));
  if (out.status === 'error') throw new CliExit(EXIT.failure);
}
