// The manifest actor's one service: run a publish against the ManifestStore it was given.
import { fromPromise } from 'xstate';
import type { ManifestStore, PublishRequest, PublishResult } from '../../manifest/index.js';

/** Input of the publish service. */
export interface PublishServiceInput {
  readonly store: Pick<ManifestStore, 'publish'>;
  readonly request: PublishRequest;
}

/** Publish one request; failures reach the machine as `xstate.error.actor.*` events. */
export const publishService = fromPromise<PublishResult, PublishServiceInput>(({ input }) => input.store.publish(input.request));
