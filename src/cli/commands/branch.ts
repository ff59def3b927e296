// `omnigraph branch create|list|delete|merge`: graph branches from the command line (spec cli.md §6.9).
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { OmniError, RequestError } from '../../errors/index.js';
import { parseStorageUri } from '../../store/object/uri.js';
import { CliExit, EXIT, type CliIO } from '../program.js';
import { jsonDocument, mergeConflictOutputs } from '../render.js';
import { writeOpenOptions } from '../lease-env.js';
import { resolveTarget } from '../target.js';

/** Flags every branch subcommand shares. */
interface BranchFlags {
  uri?: string;
  store?: string;
  json?: boolean;
}

/** Flags of the branch subcommands that write. */
interface WriteFlags extends BranchFlags {
  as?: string;
  quiet?: boolean;
}

/** Register `branch create`, `branch list`, `branch delete` and `branch merge`. */
export function registerBranch(program: Command, io: CliIO): void {
  const branch = program.command('branch').description('create, list, delete and merge graph branches');

  withWriteFlags(branch.command('create').description('create a branch at the head of another one (no commit is recorded)'))
    .argument('<NAME>', 'the new branch')
    .option('--from <branch>', 'the branch to fork', 'main')
    .option('--json', 'print {uri, from, name, actor_id} as JSON')
    .action(async (name: string, opts: WriteFlags & { from: string }) => {
      const uri = writeTarget('branch create', opts, io);
      const graph = await Omnigraph.open(uri, writeOpenOptions());
      try {
        const created = await graph.branchCreate(name, { from: opts.from });
        const from = created.parent ?? opts.from;
        if (opts.json === true) return io.out(jsonDocument({ uri, from, name: created.name, actor_id: opts.as ?? null }));
        io.out(`created branch ${created.name} from ${from}\n`);
      } finally {
        await graph.close();
      }
    });

  withAddressing(branch.command('list').description('every live branch: main first, then the others by name'))
    .option('--json', 'print {branches: [names]} as JSON')
    .action(async (opts: BranchFlags) => {
      const graph = await Omnigraph.open(resolveTarget(undefined, opts), { mode: 'read-only' });
      try {
        const names = (await graph.branches()).map((b) => b.name);
        if (opts.json === true) return io.out(jsonDocument({ branches: names }));
        io.out(names.map((n) => `${n}\n`).join(''));
      } finally {
        await graph.close();
      }
    });

  withWriteFlags(branch.command('delete').description('delete a branch and the data forks only it used'))
    .argument('<NAME>', 'the branch')
    .option('--yes', 'consent to deleting a branch of a non-local graph')
    .option('--json', 'print {uri, name, actor_id} as JSON')
    .action(async (name: string, opts: WriteFlags & { yes?: boolean }) => {
      const uri = writeTarget('branch delete', opts, io);
      if (!isLocal(uri) && opts.yes !== true) await confirm('branch delete', uri, `delete branch '${name}' of ${uri}`, opts.json === true);
      const graph = await Omnigraph.open(uri, writeOpenOptions());
      try {
        const deleted = await graph.branchDelete(name);
        // Fork removal is best effort: say what is left behind; cleanup reclaims it later.
        for (const f of deleted.forksLeft) io.err(`warning: could not delete data fork ${f.branch} of table ${f.tableId}: ${f.reason}\n`);
        if (opts.json === true) return io.out(jsonDocument({ uri, name: deleted.name, actor_id: opts.as ?? null }));
        io.out(`deleted branch ${deleted.name}\n`);
      } finally {
        await graph.close();
      }
    });

  withWriteFlags(branch.command('merge').description('three-way merge a branch into another one (default main)'))
    .argument('<SOURCE>', 'the branch to merge')
    .option('--into <branch>', 'the branch merged into', 'main')
    .option('--delete-branch', 'delete the source once the merge has landed')
    .option('--json', 'print BranchMergeOutput as JSON')
    .action(async (source: string, opts: WriteFlags & { into: string; deleteBranch?: boolean }) => {
      const uri = writeTarget('branch merge', opts, io);
      const deleteBranch = opts.deleteBranch === true;
      const graph = await Omnigraph.open(uri, writeOpenOptions());
      try {
        const r = await graph.branchMerge(source, { into: opts.into, deleteBranch, actor: opts.as ?? null });
        if (deleteBranch && r.branchDeleted === false) io.err(`warning: merged, but could not delete branch ${r.source}: ${r.branchDeleteError ?? 'unknown error'}\n`);
        if (deleteBranch && r.branchDeleted === undefined) io.err(`warning: merged, but deleting branch ${r.source} is not supported here\n`);
        if (opts.json === true) {
          return io.out(
            jsonDocument({
              source: r.source,
              target: r.target,
              outcome: r.outcome,
              actor_id: r.actorId,
              ...(deleteBranch ? { branch_deleted: r.branchDeleted ?? false } : {}),
              ...(deleteBranch && r.branchDeleteError !== undefined ? { branch_delete_error: r.branchDeleteError } : {}),
            }),
          );
        }
        io.out(`merged ${r.source} into ${r.target}: ${r.outcome}\n${r.branchDeleted === true ? `deleted branch ${r.source}\n` : ''}`);
      } catch (err) {
        // Human output lists the conflicts on stderr (runCli); JSON puts them on stdout in the wire error shape.
        if (opts.json === true && err instanceof OmniError && err.code === 'merge_conflicts') {
          io.out(jsonDocument({ error: err.message, merge_conflicts: mergeConflictOutputs(err.details) }));
          throw new CliExit(EXIT.failure);
        }
        throw err;
      } finally {
        await graph.close();
      }
    });
}

function withAddressing(cmd: Command): Command {
  return cmd.option('--uri <uri>', 'the graph').option('--store <uri>', 'the graph (same as --uri)');
}

function withWriteFlags(cmd: Command): Command {
  return withAddressing(cmd).option('--as <actor>', 'the actor of this write').option('--quiet', 'no write-target echo on stderr');
}

/** Resolve the graph of a write and echo it on stderr unless `--quiet` (spec cli.md §9). */
function writeTarget(label: string, opts: WriteFlags, io: CliIO): string {
  const uri = resolveTarget(undefined, opts);
  if (opts.quiet !== true) io.err(`omnigraph ${label} → ${uri} (direct, ${isLocal(uri) ? 'local' : 'remote'})\n`);
  return uri;
}

function isLocal(uri: string): boolean {
  return parseStorageUri(uri).kind === 'file';
}

/**
 * The destructive gate of a non-local target (spec cli.md §9): without `--yes`, a JSON or non-interactive run is a
 * usage error before any I/O; an interactive one is asked on stderr and proceeds only on `y`/`yes`.
 */
async function confirm(label: string, uri: string, what: string, json: boolean): Promise<void> {
  if (json || !process.stdin.isTTY) {
    throw new RequestError('usage', `refusing destructive \`${label}\` against non-local target ${uri} without confirmation; pass --yes to proceed`);
  }
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${what}? [y/N] `)).trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') throw new RequestError('bad_request', 'aborted');
  } finally {
    rl.close();
  }
}
