// Public face of the mutation executor.
export { MUTATION_LIMITS, prepareMutation, runMutation, type MutateOptions, type MutationResult } from './run-mutation.js';
export { coerceToProperty, convertParams } from './values.js';
