// The on-disk format stamp: our own numbering from 1, forward migrations on read-write open, refusal of newer formats.
import { OmniError } from '../errors/index.js';

/** The format this build writes. */
export const CURRENT_FORMAT = 1;

/** One forward migration from `from` to `from + 1`. Each must be idempotent: a crash mid-way re-runs it. */
export interface FormatMigration<Ctx> {
  readonly from: number;
  /** What the migration changes, for logs and errors. */
  readonly describe: string;
  /** True when a graph at `from` can be read by this build without running the migration. */
  readonly readableWithoutUpgrade: boolean;
  apply(ctx: Ctx): Promise<void>;
}

/** What opening a graph stamped `observed` must do. */
export type FormatDecision<Ctx> =
  | { readonly action: 'proceed' }
  | { readonly action: 'read-older' }
  | { readonly action: 'migrate'; readonly steps: readonly FormatMigration<Ctx>[] };

/**
 * Decide how to open a graph stamped `observed`: proceed, migrate forward (read-write), read an older format
 * this build understands (read-only), or refuse — `format_unsupported` for a newer or unknown stamp,
 * `format_upgrade_required` for an older one a read-only open cannot read.
 */
export function decideFormat<Ctx>(
  observed: number | null,
  mode: 'read-write' | 'read-only',
  migrations: readonly FormatMigration<Ctx>[],
  current: number = CURRENT_FORMAT,
): FormatDecision<Ctx> {
  if (observed === null) {
    throw new OmniError('format_unsupported', 'the graph manifest has no format stamp: an interrupted init or a damaged manifest; re-init only if init never completed', {
      details: { observed: null, supported: current },
    });
  }
  if (observed > current) {
    throw new OmniError('format_unsupported', `the graph is stored in format ${observed}, newer than this omnigraph reads (${current}): upgrade omnigraph first`, {
      details: { observed, supported: current },
    });
  }
  if (observed === current) return { action: 'proceed' };
  const steps: FormatMigration<Ctx>[] = [];
  for (let v = observed; v < current; v++) {
    const step = migrations.find((m) => m.from === v);
    if (step === undefined) {
      throw new OmniError('format_unsupported', `the graph is stored in format ${observed}, which this omnigraph cannot upgrade (no migration from ${v})`, {
        details: { observed, supported: current },
      });
    }
    steps.push(step);
  }
  if (mode === 'read-write') return { action: 'migrate', steps };
  if (steps.every((s) => s.readableWithoutUpgrade)) return { action: 'read-older' };
  throw new OmniError('format_upgrade_required', `the graph is stored in format ${observed}; open it read-write once to upgrade it to format ${current}`, {
    details: { observed, supported: current },
  });
}
