// The transaction actor's services: one promise per phase, collaborators from input (never module state).
import { fromPromise } from 'xstate';
import type { OmniError } from '../../errors/index.js';
import {
  armPhase,
  effectsPhase,
  preparePhase,
  publishPhase,
  retirePhase,
  settleFailure,
  type WriteDeps,
  type WriteProgress,
  type WriteSet,
} from '../../exec/writeset/index.js';
import type { PublishResult } from '../../manifest/index.js';

/** What every phase service receives. */
export interface PhaseInput {
  readonly deps: WriteDeps;
  readonly ws: WriteSet;
  readonly progress: WriteProgress;
}

/** Phase 0. */
export const prepare = fromPromise<void, PhaseInput>(({ input }) => preparePhase(input.deps, input.ws, input.progress));
/** Phase A. */
export const arm = fromPromise<void, PhaseInput>(({ input }) => armPhase(input.deps, input.progress));
/** Phase B. */
export const applyEffects = fromPromise<void, PhaseInput>(({ input }) => effectsPhase(input.deps, input.progress));
/** Phase C. */
export const publish = fromPromise<PublishResult, PhaseInput>(({ input }) => publishPhase(input.deps, input.progress));
/** Phase D. */
export const retire = fromPromise<void, PhaseInput>(({ input }) => retirePhase(input.deps, input.progress));
/** Turn a failure into the error the caller sees (retiring an effect-free sidecar on the way). */
export const settle = fromPromise<OmniError, PhaseInput & { readonly error: unknown }>(({ input }) => settleFailure(input.deps, input.progress, input.error));
