// Pure context updates and the reply helpers of the manifest actor (actions never throw).
import { toOmniError } from '../../errors/index.js';
import type { PublishResult } from '../../manifest/index.js';
import type { PublishJob } from './manifest.events.js';

/** The manifest actor's context: the queue of publishes, the head of which is running when busy. */
export interface ManifestContext {
  readonly queue: readonly PublishJob[];
}

/** Append a job. */
export function enqueue(ctx: ManifestContext, job: PublishJob): ManifestContext {
  return { queue: [...ctx.queue, job] };
}

/** Drop the finished head job. */
export function dequeue(ctx: ManifestContext): ManifestContext {
  return { queue: ctx.queue.slice(1) };
}

/** Answer the running job with its result. */
export function replyDone(ctx: ManifestContext, result: PublishResult): void {
  const job = ctx.queue[0];
  try {
    job?.reply.resolve(result);
  } catch {
    // A throwing reply callback is the caller's bug; the actor keeps serving.
  }
}

/** Answer the running job with its failure, as an OmniError. */
export function replyFailed(ctx: ManifestContext, error: unknown): void {
  const job = ctx.queue[0];
  try {
    job?.reply.reject(toOmniError(error));
  } catch {
    // See replyDone.
  }
}
