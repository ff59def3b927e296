// Public face of write sets and the write phases.
export { applyTableWrite, idList, type EffectHooks, type TableEffect } from './effects.js';
export { armPhase, effectsPhase, preparePhase, publishPhase, publishRequestOf, retirePhase, settleFailure, type WriteDeps, type WriteProgress } from './phases.js';
export { ownsPin, planWrite, type PlannedTable, type WritePlan } from './plan.js';
export { isEmptyWriteSet, makeWriteSet, type TableWrite, type TableWriteMode, type WriteSet, type WriteSetInput, type WriterKind } from './write-set.js';
