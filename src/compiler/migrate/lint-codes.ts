// The schema-lint code catalog (spec §8) and the findings a migration plan produces.
import type { Catalog, EdgeType, NodeType } from '../catalog/types.js';
import type { MigrationPlan } from './steps.js';

/** Lint tiers: `safe` (no scan), `validated` (needs a scan of existing rows), `destructive` (needs opt-in). */
export type LintTier = 'safe' | 'validated' | 'destructive';

/** One entry of the OG code catalog. */
export interface MigrationCodeInfo {
  readonly family: 'DS' | 'MF';
  readonly tier: LintTier;
  readonly severity: 'error' | 'warning' | 'info';
  readonly meaning: string;
  /** `emitted` by the planner or its findings, or `reserved` (catalogued, never produced). */
  readonly status: 'emitted' | 'reserved';
}

/** The OG-DS / OG-MF codes. The code, never the message, is the stable identity. */
export const MIGRATION_CODES = {
  'OG-DS-101': { family: 'DS', tier: 'destructive', severity: 'error', meaning: 'drop a populated graph type', status: 'reserved' },
  'OG-DS-102': { family: 'DS', tier: 'destructive', severity: 'error', meaning: 'drop a populated node type', status: 'emitted' },
  'OG-DS-103': { family: 'DS', tier: 'destructive', severity: 'error', meaning: 'drop a populated edge type', status: 'emitted' },
  'OG-DS-104': { family: 'DS', tier: 'destructive', severity: 'error', meaning: 'drop a property from a populated type', status: 'emitted' },
  'OG-DS-105': { family: 'DS', tier: 'destructive', severity: 'error', meaning: 'drop a populated vector property', status: 'emitted' },
  'OG-MF-103': { family: 'MF', tier: 'validated', severity: 'error', meaning: 'add required property (no default) to an existing type', status: 'emitted' },
  'OG-MF-104': { family: 'MF', tier: 'validated', severity: 'error', meaning: 'tighten nullable → non-nullable (covered by OG-MF-106 today)', status: 'reserved' },
  'OG-MF-106': { family: 'MF', tier: 'destructive', severity: 'error', meaning: 'property type change (incl. enum narrowing/rename, enum↔String)', status: 'emitted' },
} as const satisfies Record<string, MigrationCodeInfo>;

/** An OG code. */
export type MigrationCode = keyof typeof MIGRATION_CODES;

/** A lint finding about a plan. */
export interface MigrationFinding {
  readonly code: MigrationCode;
  readonly severity: 'error' | 'warning' | 'info';
  readonly tier: LintTier;
  /** `node:Person`, `node:Person.age`, … */
  readonly entity: string;
  readonly message: string;
}

/**
 * Findings for a plan: every coded unsupported step (severity error), and a DS finding for every drop. The
 * planner cannot see row counts, so drops are reported as *potentially* destructive with severity `warning`;
 * they never make a plan unsupported.
 */
export function migrationFindings(accepted: Catalog, next: Catalog, plan: MigrationPlan): readonly MigrationFinding[] {
  const out: MigrationFinding[] = [];
  for (const step of plan.steps) {
    if (step.kind === 'unsupported_change' && step.code !== undefined) {
      out.push({ code: step.code, severity: 'error', tier: MIGRATION_CODES[step.code].tier, entity: step.entity, message: step.reason });
    } else if (step.kind === 'drop_type' && step.type_kind !== 'interface') {
      const code = step.type_kind === 'node' ? 'OG-DS-102' : 'OG-DS-103';
      out.push({ code, severity: 'warning', tier: 'destructive', entity: `${step.type_kind}:${step.name}`, message: `drops ${step.type_kind} type '${step.name}' and its rows from the current schema (${step.mode} mode)` });
    } else if (step.kind === 'drop_property' && step.type_kind !== 'interface') {
      const owner = acceptedOwner(accepted, next, step.type_kind, step.type_name);
      const isVector = owner !== undefined && Object.hasOwn(owner.properties, step.property_name) && owner.properties[step.property_name]?.type.kind === 'vector';
      out.push({
        code: isVector ? 'OG-DS-105' : 'OG-DS-104',
        severity: 'warning',
        tier: 'destructive',
        entity: `${step.type_kind}:${step.type_name}.${step.property_name}`,
        message: `drops ${isVector ? 'vector ' : ''}property '${step.type_name}.${step.property_name}' and its values (${step.mode} mode)`,
      });
    }
  }
  return Object.freeze(out.map((f) => Object.freeze(f)));
}

/** The accepted version of the type a step names (steps use post-rename names). */
function acceptedOwner(accepted: Catalog, next: Catalog, kind: 'node' | 'edge', name: string): NodeType | EdgeType | undefined {
  const acc: Readonly<Record<string, NodeType | EdgeType>> = kind === 'node' ? accepted.nodes : accepted.edges;
  const nxt: Readonly<Record<string, NodeType | EdgeType>> = kind === 'node' ? next.nodes : next.edges;
  const current = Object.hasOwn(nxt, name) ? nxt[name] : undefined;
  if (current === undefined) return Object.hasOwn(acc, name) ? acc[name] : undefined;
  return Object.values(acc).find((t) => t.typeId === current.typeId);
}
