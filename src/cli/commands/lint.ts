// `omnigraph lint --schema <file.pg> [--query <file.gq>] [--json]`: checks a schema (and queries) offline.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { lintSchema, renderLintText } from '../../compiler/index.js';
import { CliExit, EXIT, type CliIO } from '../program.js';
import { runQueryLint } from './lint-query.js';

/**
 * Register `lint`. With `--query`, queries are linted against the schema (`runQueryLint`); without it, the schema
 * alone is checked and its diagnostics become findings (`queries_processed: 0`). The document is printed first;
 * exit 1 iff its status is `error`.
 */
export function registerLint(program: Command, io: CliIO): void {
  program
    .command('lint')
    .description('check a .pg schema (and a .gq query file) offline; exit 1 when there are errors')
    .requiredOption('--schema <file.pg>', 'the schema file to check against')
    .option('--query <file.gq>', 'a query file to lint against the schema')
    .option('--json', 'print the lint document as JSON')
    .action(async (opts: { schema: string; query?: string; json?: boolean }) => {
      if (opts.query !== undefined) {
        await runQueryLint({ query: opts.query, schema: opts.schema, json: opts.json === true }, io);
        return;
      }
      let text: string;
      try {
        text = await readFile(opts.schema, 'utf8');
      } catch (err) {
        const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : err instanceof Error ? err.message : String(err);
        io.err(`error: cannot read schema file '${opts.schema}': ${reason}\n`);
        throw new CliExit(EXIT.failure);
      }
      const out = lintSchema(text, opts.schema);
      io.out(opts.json === true ? `${JSON.stringify(out, null, 2)}\n` : renderLintText(out));
      if (out.status === 'error') throw new CliExit(EXIT.failure);
    });
}
