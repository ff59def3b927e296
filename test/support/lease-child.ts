// Child process of the lease suite: acquires the graph write lease of a store and reports each step as a JSON line.
import { createInterface } from 'node:readline';
import { OmniError } from '../../src/errors/index.js';
import { acquireLease, type LeaseHandle } from '../../src/recovery/lease.js';
import { openObjectStore } from '../../src/store/object/open.js';

/** The child's one argument (JSON). */
export interface LeaseChildArgs {
  readonly uri: string;
  /** `queue`: acquire, hold `holdMs`, release, exit. `hold`: acquire and hold until fenced or told to release. */
  readonly mode: 'queue' | 'hold';
  readonly ttlMs: number;
  readonly waitMs: number;
  readonly pollMs?: number;
  readonly holdMs?: number;
  /** Print `ready` and wait for `go` on stdin before acquiring (a start barrier). */
  readonly barrier?: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as LeaseChildArgs;
const print = (o: Record<string, unknown>): void => void process.stdout.write(`${JSON.stringify({ pid: process.pid, ...o })}\n`);
const commands = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
const nextCommand = async (): Promise<string> => {
  const r = await commands.next();
  return r.done === true ? 'eof' : r.value.trim();
};

const store = openObjectStore(args.uri);
try {
  if (args.barrier === true) {
    print({ type: 'ready' });
    if ((await nextCommand()) !== 'go') process.exit(3);
  }
  let waits = 0;
  const startAt = Date.now();
  const lease = await acquireLease(store, { ttlMs: args.ttlMs, waitMs: args.waitMs, ...(args.pollMs !== undefined ? { pollMs: args.pollMs } : {}), onWait: () => void waits++ });
  const acquiredAt = Date.now();
  print({ type: 'acquired', epoch: lease.epoch, owner: lease.owner, acquisition: { ...lease.acquisition, previous: undefined }, waits, startAt, acquiredAt });
  if (args.mode === 'queue') await holdBriefly(lease, args.holdMs ?? 100);
  else await holdUntilFencedOrReleased(lease);
  await store.close();
  process.exit(0);
} catch (err) {
  print({ type: 'error', code: err instanceof OmniError ? err.code : 'unexpected', message: err instanceof Error ? err.message : String(err) });
  process.exit(1);
}

async function holdBriefly(lease: LeaseHandle, holdMs: number): Promise<void> {
  const until = Date.now() + holdMs;
  while (Date.now() < until) {
    lease.assertLive();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  lease.assertLive();
  const releaseStartAt = Date.now();
  const result = await lease.release();
  print({ type: 'released', outcome: result.outcome, releaseStartAt, releasedAt: Date.now() });
}

/** Check the lease every 20 ms like a busy writer; report the first failure, then renew and release. Or release on `release`. */
async function holdUntilFencedOrReleased(lease: LeaseHandle): Promise<void> {
  const told = nextCommand();
  for (;;) {
    try {
      lease.assertLive();
    } catch (err) {
      print({ type: 'fenced', code: (err as OmniError).code, lostReason: lease.lostReason, at: Date.now() });
      const renewed = await lease.renew();
      const released = await lease.release();
      print({ type: 'after-fence', renewed, releaseOutcome: released.outcome });
      return;
    }
    const tick = await Promise.race([told, new Promise<null>((resolve) => setTimeout(() => resolve(null), 20))]);
    if (tick === 'release') {
      lease.assertLive();
      const result = await lease.release();
      print({ type: 'released', outcome: result.outcome, epoch: lease.epoch });
      return;
    }
  }
}
