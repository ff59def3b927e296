// Graph addressing for direct commands: one positional URI or --store (or --uri), never two.
import { RequestError } from '../errors/index.js';

/** The addressing flags a direct command accepts. */
export interface TargetFlags {
  readonly store?: string;
  readonly uri?: string;
}

/**
 * The one graph URI a command addresses. Two ways at once, or none, is a `usage` error.
 * @example
 * resolveTarget('./graph.omni', {}); // './graph.omni'
 */
export function resolveTarget(positional: string | undefined, flags: TargetFlags): string {
  const given = [
    ['a positional URI', positional],
    ['--store', flags.store],
    ['--uri', flags.uri],
  ].filter((g): g is [string, string] => g[1] !== undefined);
  if (given.length > 1) {
    throw new RequestError('usage', `${given[0]![0]} and ${given[1]![0]} are mutually exclusive — pick one way to address the graph`);
  }
  const only = given[0];
  if (only === undefined) throw new RequestError('usage', 'no graph addressed — pass a positional URI or --store <uri>');
  return only[1];
}
