// Migration plan steps (spec §7.2): tagged, snake_case JSON objects, and their one-line human rendering.
import type { MigrationCode } from './lint-codes.js';
import { MIGRATION_CODES } from './lint-codes.js';

/** The declaration kind a step concerns. */
export type TypeKind = 'interface' | 'node' | 'edge';

/** `soft` keeps old versions readable until cleanup; `hard` (`allowDataLoss`) cleans them right after publishing. */
export type DropMode = 'soft' | 'hard';

/** A constraint a supported `add_constraint` step adds (only `@index` additions are supported). */
export interface AddedConstraint {
  readonly kind: 'index';
  readonly properties: readonly string[];
}

/** One plan step. Field names are the wire format (snake_case). */
export type PlanStep =
  | { readonly kind: 'add_type'; readonly type_kind: TypeKind; readonly name: string }
  | { readonly kind: 'rename_type'; readonly type_kind: TypeKind; readonly from: string; readonly to: string }
  | { readonly kind: 'add_property'; readonly type_kind: TypeKind; readonly type_name: string; readonly property_name: string; readonly property_type: string }
  | { readonly kind: 'rename_property'; readonly type_kind: TypeKind; readonly type_name: string; readonly from: string; readonly to: string }
  | { readonly kind: 'add_constraint'; readonly type_kind: TypeKind; readonly type_name: string; readonly constraint: AddedConstraint }
  | { readonly kind: 'extend_enum'; readonly type_kind: TypeKind; readonly type_name: string; readonly property_name: string; readonly added_values: readonly string[] }
  | { readonly kind: 'update_type_metadata'; readonly type_kind: TypeKind; readonly name: string; readonly annotations: Readonly<Record<string, string | null>> }
  | {
      readonly kind: 'update_property_metadata';
      readonly type_kind: TypeKind;
      readonly type_name: string;
      readonly property_name: string;
      readonly annotations: Readonly<Record<string, string | null>>;
    }
  | { readonly kind: 'drop_type'; readonly type_kind: TypeKind; readonly name: string; readonly mode: DropMode }
  | { readonly kind: 'drop_property'; readonly type_kind: TypeKind; readonly type_name: string; readonly property_name: string; readonly mode: DropMode }
  | { readonly kind: 'unsupported_change'; readonly entity: string; readonly reason: string; readonly code?: MigrationCode };

/** Every step kind. */
export type PlanStepKind = PlanStep['kind'];

/** A plan: `supported` is false iff any step is `unsupported_change`; no steps means no change. */
export interface MigrationPlan {
  readonly supported: boolean;
  readonly steps: readonly PlanStep[];
}

const NOUN: Readonly<Record<TypeKind, string>> = { interface: 'interface', node: 'node type', edge: 'edge type' };

/**
 * One human line per step, as `schema plan` prints it.
 * @example
 * renderPlanStep({ kind: 'drop_property', type_kind: 'node', type_name: 'Person', property_name: 'age', mode: 'soft' });
 * // "drop property 'Person.age' of node 'Person' (soft mode)"
 */
export function renderPlanStep(step: PlanStep): string {
  switch (step.kind) {
    case 'add_type':
      return `add ${NOUN[step.type_kind]} '${step.name}'`;
    case 'rename_type':
      return `rename ${NOUN[step.type_kind]} '${step.from}' to '${step.to}'`;
    case 'add_property':
      return `add property '${step.type_name}.${step.property_name}' (${step.property_type}) on ${step.type_kind} '${step.type_name}'`;
    case 'rename_property':
      return `rename property '${step.type_name}.${step.from}' to '${step.to}' on ${step.type_kind} '${step.type_name}'`;
    case 'add_constraint':
      return `add constraint @${step.constraint.kind}(${step.constraint.properties.join(', ')}) on ${step.type_kind} '${step.type_name}'`;
    case 'extend_enum':
      return `extend enum '${step.type_name}.${step.property_name}' (${step.added_values.map((v) => `+${v}`).join(', ')}) on ${step.type_kind} '${step.type_name}'`;
    case 'update_type_metadata':
      return `update ${Object.keys(step.annotations).map((k) => `@${k}`).join(', ')} of ${NOUN[step.type_kind]} '${step.name}'`;
    case 'update_property_metadata':
      return `update ${Object.keys(step.annotations).map((k) => `@${k}`).join(', ')} of property '${step.type_name}.${step.property_name}' on ${step.type_kind} '${step.type_name}'`;
    case 'drop_type':
      return `drop ${NOUN[step.type_kind]} '${step.name}' (${step.mode} mode)`;
    case 'drop_property':
      return `drop property '${step.type_name}.${step.property_name}' of ${step.type_kind} '${step.type_name}' (${step.mode} mode)`;
    case 'unsupported_change':
      return step.code === undefined
        ? `unsupported change on ${step.entity}: ${step.reason}`
        : `unsupported change on ${step.entity} [${step.code}, ${MIGRATION_CODES[step.code].tier}]: ${step.reason}`;
  }
}
