// `omnigraph changes poll`: the change feed of a branch (spec cli.md §6.11), and the filter flags change commands share.
import { InvalidArgumentError, type Command } from 'commander';
import { Omnigraph } from '../../engine.js';
import { RequestError } from '../../errors/index.js';
import type { ChangeBlock, ChangeFilter, CommitChange } from '../../exec/diff/index.js';
import type { CliIO } from '../program.js';
import { jsonDocument } from '../render.js';
import { resolveTarget } from '../target.js';

/** The filter and paging flags of `commit changes` and `changes poll`. */
export interface ChangeFlags {
  uri?: string;
  store?: string;
  limit?: number;
  kind: string[];
  type: string[];
  op: string[];
  json?: boolean;
}

/** Add `--uri/--store`, `--limit`, repeatable `--kind/--type/--op` and `--json` to a change command. */
export function withChangeFlags(cmd: Command): Command {
  return cmd
    .option('--uri <uri>', 'the graph')
    .option('--store <uri>', 'the graph (same as --uri)')
    .option('--limit <n>', 'changes per page (default 1000, at most 8192)', positiveInt)
    .option('--kind <kind>', 'only node or edge changes (repeatable)', oneOf(['node', 'edge']), [] as string[])
    .option('--type <type>', 'only changes of this type (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--op <op>', 'only insert, update or delete changes (repeatable)', oneOf(['insert', 'update', 'delete']), [] as string[])
    .option('--json', 'print one JSON document');
}

/** The engine filter of the flags. */
export function changeFilterOf(opts: ChangeFlags): ChangeFilter {
  return { kinds: opts.kind, types: opts.type, ops: opts.op };
}

/** One human line per change: `<op> <kind> <type> <id>`. */
export function changeLine(c: CommitChange): string {
  return `${c.op} ${c.kind} ${c.type.name} ${c.id}\n`;
}

/** Register `changes poll`. Read-only. */
export function registerChanges(program: Command, io: CliIO): void {
  const changes = program.command('changes').description('follow the changes of a branch');
  withChangeFlags(changes.command('poll').description("one poll of a branch's change feed: blocks up to the head, then a durable cursor"))
    .option('--branch <branch>', 'the branch to follow', 'main')
    .option('--cursor <cursor>', 'resume after the commit a previous poll ended on')
    .option('--start <start>', 'where a new consumer starts: now (default), beginning or after:<commit_id>')
    .action(async (opts: ChangeFlags & { branch: string; cursor?: string; start?: string }) => {
      if (opts.cursor !== undefined && opts.start !== undefined) throw new RequestError('usage', '--cursor and --start are mutually exclusive — resume with --cursor, or begin with --start');
      const graph = await Omnigraph.open(resolveTarget(undefined, opts), { mode: 'read-only' });
      try {
        const filter = changeFilterOf(opts);
        const limit = opts.limit === undefined ? {} : { limit: opts.limit };
        const begin = opts.cursor !== undefined ? { cursor: opts.cursor } : { start: opts.start ?? 'now' };
        let page = await graph.changes({ branch: opts.branch, filter, ...limit, ...begin });
        const blocks: ChangeBlock[] = [];
        let printed: string | undefined;
        for (;;) {
          for (const block of page.blocks) {
            const last = blocks.at(-1);
            // A commit split across pages is merged back into one block.
            if (last !== undefined && last.cause.graph_commit_id === block.cause.graph_commit_id) blocks[blocks.length - 1] = { cause: last.cause, changes: [...last.changes, ...block.changes] };
            else blocks.push(block);
            if (opts.json === true) continue;
            if (printed !== block.cause.graph_commit_id) io.out(causeLine(block));
            printed = block.cause.graph_commit_id;
            io.out(block.changes.map(changeLine).join(''));
          }
          if (page.next_page_token === undefined) break;
          page = await graph.changes({ branch: opts.branch, filter, ...limit, pageToken: page.next_page_token });
        }
        if (opts.json === true) return io.out(jsonDocument({ blocks, cursor: page.cursor, caught_up: page.caught_up }));
        io.out(`cursor: ${page.cursor ?? ''}\ncaught_up: ${String(page.caught_up ?? false)}\n`);
      } finally {
        await graph.close();
      }
    });
}

/** The human header of a block: `commit <id> branch=<authored branch>[ actor=<a>]`. */
function causeLine(block: ChangeBlock): string {
  const c = block.cause;
  return `commit ${c.graph_commit_id} branch=${c.authored_branch}${c.actor_id === undefined ? '' : ` actor=${c.actor_id}`}\n`;
}

/** Parse a positive integer flag value (a usage error otherwise). */
export function positiveInt(raw: string): number {
  if (!/^[0-9]+$/.test(raw)) throw new InvalidArgumentError('expected a positive integer');
  return Number(raw);
}

function oneOf(allowed: readonly string[]): (v: string, acc: string[]) => string[] {
  return (v, acc) => {
    if (!allowed.includes(v)) throw new InvalidArgumentError(`expected one of ${allowed.join(', ')}`);
    return [...acc, v];
  };
}
