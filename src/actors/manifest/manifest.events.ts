// Events of the manifest actor: publish requests with their reply channel.
import type { OmniError } from '../../errors/index.js';
import type { PublishRequest, PublishResult } from '../../manifest/index.js';

/** How the actor answers one request: exactly one of the two callbacks is called, once. */
export interface PublishReply {
  readonly resolve: (result: PublishResult) => void;
  readonly reject: (error: OmniError) => void;
}

/** A queued publish. */
export interface PublishJob {
  readonly request: PublishRequest;
  readonly reply: PublishReply;
}

/** Events the manifest actor accepts. */
export type ManifestEvent = { readonly type: 'publish.requested'; readonly job: PublishJob };
