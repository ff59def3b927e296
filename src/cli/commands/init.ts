// `omnigraph init --schema <schema.pg> <URI>`: create an empty graph.
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { RequestError } from '../../errors/index.js';
import type { CliIO } from '../program.js';

/** Register `init`. Output: `initialized <URI>`. No `--json` (a usage error, as the spec says). */
export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description('create an empty graph at URI (a path, file:// or s3://) with the given schema')
    .requiredOption('--schema <schema.pg>', 'the schema file')
    .argument('<URI>', 'where the graph lives: a path, file:///abs/path or s3://bucket/prefix')
    .action(async (uri: string, opts: { schema: string }) => {
      const source = await readFile(opts.schema, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new RequestError('bad_request', `cannot read schema file '${opts.schema}': ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
      });
      const graph = await Omnigraph.init(uri, source);
      await graph.close();
      io.out(`initialized ${uri}\n`);
    });
}
