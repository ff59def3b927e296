// The write side of a read-write open: the lease keeper, the graph writer and recovery, wired to one graph.
import type { ManifestActor } from '../actors/manifest/index.js';
import type { WriteSet } from '../exec/writeset/index.js';
import type { ManifestStore, PublishResult } from '../manifest/index.js';
import type { RecoveryOutcome } from '../recovery/recover.js';
import { SIDECAR_PREFIX } from '../recovery/sidecar.js';
import { SidecarStore } from '../recovery/sidecar-store.js';
import type { LanceConnection } from '../store/lance/index.js';
import type { ObjectStore } from '../store/object/types.js';
import type { KeyedMutex } from '../util/keyed-mutex.js';
import { GraphWriter } from './graph-writer.js';
import { LeaseKeeper, type LeaseKeeperOptions } from './lease-keeper.js';

/** What the write side is built from. */
export interface WriteSideParts {
  readonly manifest: ManifestStore;
  readonly actor: ManifestActor;
  readonly data: LanceConnection;
  readonly objects: ObjectStore;
  readonly gates: KeyedMutex;
  readonly lease?: LeaseKeeperOptions;
}

/**
 * Every write of this process runs under the graph write lease; whenever the lease is (re)acquired, sidecars of older
 * epochs are recovered and interrupted branch creates removed before any write proceeds.
 */
export class WriteSide {
  readonly #writer: GraphWriter;
  readonly #keeper: LeaseKeeper;
  readonly #sidecars: SidecarStore;
  readonly #recoveries: RecoveryOutcome[] = [];

  constructor(parts: WriteSideParts) {
    this.#sidecars = new SidecarStore(parts.objects);
    this.#keeper = new LeaseKeeper(parts.objects, parts.lease ?? {}, async (lease) => {
      this.#recoveries.push(...(await this.#writer.recover({ onlyEpochsBelow: lease.epoch })));
      await parts.manifest.removeInterruptedCreates();
      // Delete markers of retired sidecars (file://) only matter to writers that could still hold their tokens; any
      // such writer older than two lease TTLs has fenced itself, so older markers go and listings stay short.
      await parts.objects.sweep?.({ olderThanMs: 2 * lease.ttlMs, prefix: SIDECAR_PREFIX });
    });
    this.#writer = new GraphWriter(
      {
        state: (b) => parts.manifest.state(b),
        publish: (r) => parts.actor.publish(r),
        data: parts.data,
        sidecars: this.#sidecars,
        lease: { epoch: () => this.#keeper.current().epoch, assertLive: () => this.#keeper.current().assertLive() },
      },
      parts.gates,
    );
  }

  /**
   * At a read-write open: when sidecars exist, take the lease now if it is free and recover them; when another
   * process holds it, that holder (or the next writer here) recovers them, and the open proceeds.
   */
  async recoverAtOpen(): Promise<void> {
    if ((await this.#sidecars.list()).length > 0) await this.#keeper.tryAcquireNow();
  }

  /** Commit a write set under the lease (`null`: nothing to write, no commit). */
  apply(ws: WriteSet): Promise<PublishResult | null> {
    return this.#keeper.hold(() => this.#writer.apply(ws));
  }

  /** Run a lease-holding operation that is not a write set (branch create and delete). */
  underLease<T>(fn: () => Promise<T>): Promise<T> {
    return this.#keeper.hold(fn);
  }

  /** Every recovery outcome of this open so far, oldest first. */
  recoveries(): readonly RecoveryOutcome[] {
    return [...this.#recoveries];
  }

  /** Branches refusing writes until recovered, with the blocking operation. */
  blockedBranches(): ReadonlyMap<string, string> {
    return this.#writer.blockedBranches();
  }

  /** Release the lease. */
  close(): Promise<void> {
    return this.#keeper.close();
  }
}
