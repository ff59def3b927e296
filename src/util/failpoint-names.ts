// Every failpoint name in use, in one place. docs/failpoints.md describes each; a test keeps the two in step.

/** Failpoint names and where each fires. */
export const FAILPOINTS = {
  'object.file.after-temp-write': 'file:// store: the new generation is written to its temp file, not yet linked',
  'object.file.after-link': 'file:// store: the new generation is linked (visible), its temp file not yet removed',
  'object.s3.before-put': 's3:// store: just before a PutObject request is sent',
  'lease.after-acquire': 'write lease: the lease is written as held (fresh, re-acquired or taken over), the handle not yet returned',
  'lease.before-renew': 'write lease: a renewal is about to write the lease (the holder still believes it holds it)',
  'write.after-sidecar-armed': 'write protocol: Phase A done, the sidecar is written, no table touched yet',
  'write.after-fork': 'write protocol: a first-touch fork was created, before its table commit',
  'write.after-table-commit': 'write protocol: one table committed (fires once per table)',
  'write.after-effects-confirmed': 'write protocol: Phase B done, the sidecar says effects_confirmed, nothing published',
  'write.after-publish': 'write protocol: Phase C done, the commit is visible, the sidecar not yet deleted',
  'recovery.after-rolling-back-persisted': 'recovery: the sidecar says rolling_back with restore targets, before the first restore',
  'recovery.after-restore': 'recovery: one table restored (fires once per table), before the rollback publish',
  'recovery.before-sidecar-delete': 'recovery: the outcome is published and audited, the sidecar not yet deleted',
} as const;

/** A known failpoint name. */
export type FailpointName = keyof typeof FAILPOINTS;
