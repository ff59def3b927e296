// The manifest actor: start one per open graph and publish through it.
import { createActor, waitFor, type Actor } from 'xstate';
import { OmniError } from '../../errors/index.js';
import type { ManifestStore, PublishRequest, PublishResult } from '../../manifest/index.js';
import { manifestMachine } from './manifest.machine.js';

export { manifestMachine, type ManifestMachineInput } from './manifest.machine.js';
export type { ManifestEvent, PublishJob, PublishReply } from './manifest.events.js';

/** A running manifest actor. */
export interface ManifestActor {
  /** Queue a publish; resolves when it landed, rejects with the classified error. Publishes run one at a time. */
  publish(request: PublishRequest): Promise<PublishResult>;
  /** Refuse new publishes, wait for queued ones to finish, then stop. */
  stop(): Promise<void>;
}

/**
 * Start the manifest actor for `store`.
 * @example
 * const manifest = startManifestActor(store);
 * const { commitId, manifestVersion } = await manifest.publish(request);
 */
export function startManifestActor(store: Pick<ManifestStore, 'publish'>): ManifestActor {
  const actor: Actor<typeof manifestMachine> = createActor(manifestMachine, { input: { store } });
  actor.start();
  let stopping = false;
  return {
    publish(request) {
      if (stopping) return Promise.reject(new OmniError('bad_request', 'the graph is closing; no more writes are accepted'));
      return new Promise<PublishResult>((resolve, reject) => {
        actor.send({ type: 'publish.requested', job: { request, reply: { resolve, reject } } });
      });
    },
    async stop() {
      stopping = true;
      await waitFor(actor, (s) => s.matches('idle') && s.context.queue.length === 0);
      actor.stop();
    },
  };
}
