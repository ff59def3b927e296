// The transaction coordinator: drives one write set through prepare → A → B → C → D; failures are events, never throws.
import { assign, setup } from 'xstate';
import type { OmniError } from '../../errors/index.js';
import type { WriteDeps, WriteProgress, WriteSet } from '../../exec/writeset/index.js';
import type { PublishResult } from '../../manifest/index.js';
import { applyEffects, arm, prepare, publish, retire, settle } from './txn.services.js';

/** Input of one transaction. */
export interface TxnInput {
  readonly deps: WriteDeps;
  readonly ws: WriteSet;
}

/** Context: the input, the shared progress, and the outcome. */
export interface TxnContext extends TxnInput {
  readonly progress: WriteProgress;
  readonly result: PublishResult | null;
  readonly failure: unknown;
  readonly error: OmniError | null;
}

const phaseInput = ({ context }: { context: TxnContext }) => ({ deps: context.deps, ws: context.ws, progress: context.progress });
const fail = { target: 'settling', actions: 'recordFailure' } as const;

/** The machine; its final state `done` carries `result`, `failed` carries `error`. */
export const txnMachine = setup({
  types: { context: {} as TxnContext, input: {} as TxnInput },
  actors: { prepare, arm, applyEffects, publish, retire, settle },
  actions: {
    recordFailure: assign({ failure: ({ event }) => (event as { error?: unknown }).error }),
  },
}).createMachine({
  id: 'txn',
  context: ({ input }) => ({ ...input, progress: { effectLanded: false }, result: null, failure: null, error: null }),
  initial: 'preparing',
  states: {
    preparing: { invoke: { src: 'prepare', input: phaseInput, onDone: 'arming', onError: fail } },
    arming: { invoke: { src: 'arm', input: phaseInput, onDone: 'applying', onError: fail } },
    applying: { invoke: { src: 'applyEffects', input: phaseInput, onDone: 'publishing', onError: fail } },
    publishing: {
      invoke: {
        src: 'publish',
        input: phaseInput,
        onDone: { target: 'retiring', actions: assign({ result: ({ event }) => event.output }) },
        onError: fail,
      },
    },
    retiring: { invoke: { src: 'retire', input: phaseInput, onDone: 'done', onError: 'done' } },
    settling: {
      invoke: {
        src: 'settle',
        input: ({ context }) => ({ ...phaseInput({ context }), error: context.failure }),
        onDone: { target: 'failed', actions: assign({ error: ({ event }) => event.output }) },
        onError: { target: 'failed', actions: assign({ error: ({ context }) => context.error }) },
      },
    },
    done: { type: 'final' },
    failed: { type: 'final' },
  },
});
