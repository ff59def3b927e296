// `omnigraph version`: prints the package version.
import type { Command } from 'commander';
import { PACKAGE_VERSION } from '../../util/version.js';
import type { CliIO } from '../program.js';

/** Register `version` (and the `--version` flag). */
export function registerVersion(program: Command, io: CliIO): void {
  program.version(PACKAGE_VERSION, '-v, --version', 'print the omnigraph version');
  program
    .command('version')
    .description('print the omnigraph version')
    .option('--json', 'print {"version": …}')
    .action((opts: { json?: boolean }) => {
      io.out(opts.json === true ? `${JSON.stringify({ version: PACKAGE_VERSION })}\n` : `omnigraph ${PACKAGE_VERSION}\n`);
    });
}
