// The manifest actor's machine: one per open graph; it serializes publishes, the only writes of the manifest table.
import { assign, setup } from 'xstate';
import type { ManifestStore, PublishResult } from '../../manifest/index.js';
import { dequeue, enqueue, replyDone, replyFailed, type ManifestContext } from './manifest.actions.js';
import type { ManifestEvent } from './manifest.events.js';
import { publishService } from './manifest.services.js';

/** Input of the machine: the store it publishes to. */
export interface ManifestMachineInput {
  readonly store: Pick<ManifestStore, 'publish'>;
}

/** The manifest actor's machine. */
export const manifestMachine = setup({
  types: {
    context: {} as ManifestContext & ManifestMachineInput,
    events: {} as ManifestEvent,
    input: {} as ManifestMachineInput,
  },
  actors: { publish: publishService },
  actions: {
    enqueue: assign(({ context, event }) => (event.type === 'publish.requested' ? enqueue(context, event.job) : context)),
    dequeue: assign(({ context }) => dequeue(context)),
    replyDone: ({ context }, output: PublishResult) => replyDone(context, output),
    replyFailed: ({ context }, error: unknown) => replyFailed(context, error),
  },
  guards: {
    hasWork: ({ context }) => context.queue.length > 0,
  },
}).createMachine({
  id: 'manifest',
  context: ({ input }) => ({ store: input.store, queue: [] }),
  on: { 'publish.requested': { actions: 'enqueue' } },
  initial: 'idle',
  states: {
    idle: {
      always: { guard: 'hasWork', target: 'publishing' },
    },
    publishing: {
      invoke: {
        src: 'publish',
        input: ({ context }) => ({ store: context.store, request: context.queue[0]!.request }),
        onDone: { target: 'idle', actions: [{ type: 'replyDone', params: ({ event }) => event.output }, 'dequeue'] },
        onError: { target: 'idle', actions: [{ type: 'replyFailed', params: ({ event }: { event: { error: unknown } }) => event.error }, 'dequeue'] },
      },
    },
  },
});
