// The omnigraph command line: builds the commander program; each command lives in commands/<name>.ts.
import { Command, CommanderError } from 'commander';
import { OmniError } from '../errors/index.js';
import { registerBranch } from './commands/branch.js';
import { registerChanges } from './commands/changes.js';
import { registerCommit } from './commands/commit.js';
import { registerDemo } from './commands/demo.js';
import { registerExport } from './commands/export.js';
import { registerInit } from './commands/init.js';
import { registerLint } from './commands/lint.js';
import { registerLoad } from './commands/load.js';
import { registerMutate } from './commands/mutate.js';
import { registerQuery } from './commands/query.js';
import { registerSnapshot } from './commands/snapshot.js';
import { registerVersion } from './commands/version.js';
import { mergeConflictLines } from './render.js';

/** Exit codes of the CLI (spec cli.md): 0 ok, 1 failure, 2 usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** Where the CLI writes; tests pass buffers. */
export interface CliIO {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Build the program with every command registered. */
export function buildProgram(io: CliIO): Command {
  const program = new Command('omnigraph')
    .description('A typed property-graph database with Git-style branches over Lance datasets.')
    .exitOverride()
    .showHelpAfterError('(run omnigraph --help for usage)')
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  registerVersion(program, io);
  registerLint(program, io);
  registerInit(program, io);
  registerSnapshot(program, io);
  registerCommit(program, io);
  registerChanges(program, io);
  registerBranch(program, io);
  registerLoad(program, io);
  registerMutate(program, io);
  registerQuery(program, io);
  registerExport(program, io);
  registerDemo(program, io);
  return program;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT.ok;
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (err instanceof CliExit) return err.exitCode;
    if (err instanceof OmniError) {
      io.err(`error: ${err.message}\n`);
      // A refused merge lists every conflict, one per line, after the summary message.
      if (err.code === 'merge_conflicts') io.err(mergeConflictLines(err.details));
      return err.code === 'usage' ? EXIT.usage : EXIT.failure;
    }
    throw err;
  }
}

/** Thrown by a command that has already reported its outcome and wants a specific exit code. */
export class CliExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
