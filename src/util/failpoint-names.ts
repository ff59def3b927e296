// Every failpoint name in use, in one place. docs/failpoints.md describes each; a test keeps the two in step.

/** Failpoint names and where each fires. */
export const FAILPOINTS = {
  'object.file.after-temp-write': 'file:// store: the new generation is written to its temp file, not yet linked',
  'object.file.after-link': 'file:// store: the new generation is linked (visible), its temp file not yet removed',
  'object.s3.before-put': 's3:// store: just before a PutObject request is sent',
} as const;

/** A known failpoint name. */
export type FailpointName = keyof typeof FAILPOINTS;
