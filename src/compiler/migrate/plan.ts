// The migration planner (spec §7): compare an accepted catalog with the next one by identity and emit tagged steps.
import { CompileError, OmniError } from '../../errors/index.js';
import { compileSchema, type CompileSchemaResult } from '../catalog/compile-schema.js';
import { compareCodeUnits } from '../catalog/property-type.js';
import type { Catalog, CatalogType } from '../catalog/types.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { diffType, type DiffContext } from './diff-type.js';
import type { MigrationPlan, PlanStep, TypeKind } from './steps.js';

/** Options of `planMigration`. */
export interface PlanMigrationOptions {
  /** Promote every drop to `hard` (old versions cleaned right after publishing; irreversible). */
  readonly allowDataLoss?: boolean;
}

const BUCKET = { interface: 'interfaces', node: 'nodes', edge: 'edges' } as const;

/**
 * Plan the migration from `accepted` to `next`. `next` MUST have been compiled with `{ previous: accepted }` so
 * identities line up (`planSchemaChange` does both); otherwise this throws `internal`.
 * @example
 * const next = compileSchema(text, { previous: accepted }).catalog!;
 * const plan = planMigration(accepted, next, { allowDataLoss: false });
 * plan.supported; // false iff some step is `unsupported_change`
 */
export function planMigration(accepted: Catalog, next: Catalog, options: PlanMigrationOptions = {}): MigrationPlan {
  assertLineage(accepted, next);
  const ctx: DiffContext = { accepted, next, mode: options.allowDataLoss === true ? 'hard' : 'soft' };
  const steps: PlanStep[] = [];
  for (const kind of ['interface', 'node', 'edge'] as const) steps.push(...planKind(kind, ctx));
  if (steps.length === 0 && fingerprint(accepted) !== fingerprint(next)) {
    steps.push({ kind: 'unsupported_change', entity: 'schema', reason: 'the schemas differ in a way no migration rule classifies' });
  }
  return deepFreeze({ supported: !steps.some((s) => s.kind === 'unsupported_change'), steps });
}

function planKind(kind: TypeKind, ctx: DiffContext): PlanStep[] {
  const before: readonly CatalogType[] = Object.values(ctx.accepted[BUCKET[kind]]);
  const after: readonly CatalogType[] = Object.values(ctx.next[BUCKET[kind]]);
  const beforeById = new Map(before.map((t) => [t.typeId, t]));
  const afterIds = new Set(after.map((t) => t.typeId));
  const entries: { name: string; a?: CatalogType; t?: CatalogType }[] = [
    ...after.map((t) => ({ name: t.name, a: beforeById.get(t.typeId), t })),
    ...before.filter((a) => !afterIds.has(a.typeId)).map((a) => ({ name: a.name, a })),
  ];
  entries.sort((x, y) => compareCodeUnits(x.name, y.name));
  const steps: PlanStep[] = [];
  for (const { a, t } of entries) {
    if (a === undefined && t !== undefined) steps.push({ kind: 'add_type', type_kind: kind, name: t.name });
    else if (a !== undefined && t === undefined) {
      if (kind === 'interface') steps.push({ kind: 'unsupported_change', entity: `interface:${a.name}`, reason: `removing interface '${a.name}' is not supported` });
      else steps.push({ kind: 'drop_type', type_kind: kind, name: a.name, mode: ctx.mode });
    } else if (a !== undefined && t !== undefined) steps.push(...diffType(kind, a, t, ctx));
  }
  return steps;
}

/** Every identity of `next` below the accepted allocator must exist in `accepted`, in the same kind and owner. */
function assertLineage(accepted: Catalog, next: Catalog): void {
  const fail = (why: string): never => {
    throw new OmniError('internal', `planMigration: the next catalog was not compiled against the accepted one (${why}); compile it with { previous: accepted }`);
  };
  if (next.nextIdentityId < accepted.nextIdentityId) fail('its identity allocator is behind');
  for (const kind of ['interface', 'node', 'edge'] as const) {
    const before = new Map(Object.values(accepted[BUCKET[kind]]).map((t: CatalogType) => [t.typeId, t]));
    for (const t of Object.values(next[BUCKET[kind]]) as CatalogType[]) {
      if (t.typeId >= accepted.nextIdentityId) continue;
      const a = before.get(t.typeId);
      // A compiled rename always carries its hint; a different name without one means a foreign allocation.
      if (a === undefined || (a.name !== t.name && t.renameFrom !== a.name)) return fail(`${kind} ${t.name} has a foreign identity`);
      const props = new Map(Object.values(a.properties).map((p) => [p.id, p.name]));
      for (const p of Object.values(t.properties)) {
        if (p.id >= accepted.nextIdentityId) continue;
        const was = props.get(p.id);
        if (was === undefined || (was !== p.name && p.renameFrom !== was)) fail(`${t.name}.${p.name} has a foreign identity`);
      }
    }
  }
}

/** The catalog's meaning without its source text, allocator and rename hints. */
function fingerprint(c: Catalog): string {
  const { source: _source, nextIdentityId: _next, ...rest } = c;
  return JSON.stringify(rest, (key, value: unknown) => (key === 'renameFrom' ? undefined : value));
}

/** The answer of `planSchemaChange`: the compiled next catalog and its plan, or the diagnostics that stopped it. */
export interface SchemaChange {
  readonly compiled: CompileSchemaResult;
  readonly plan: MigrationPlan | undefined;
}

/**
 * Compile `nextSource` against `accepted` and plan the migration in one call.
 * @example
 * const { compiled, plan } = planSchemaChange(accepted, nextText, { allowDataLoss: false });
 * if (plan === undefined) throw schemaError(compiled.diagnostics);
 */
export function planSchemaChange(accepted: Catalog, nextSource: string, options: PlanMigrationOptions = {}): SchemaChange {
  const compiled = compileSchema(nextSource, { previous: accepted });
  return Object.freeze({ compiled, plan: compiled.catalog === undefined ? undefined : planMigration(accepted, compiled.catalog, options) });
}

/**
 * The error an apply raises for an unsupported plan: `migration_unsupported`, message = the first unsupported
 * step's reason, prefixed `[CODE] ` when it has a code. Returns undefined for a supported plan.
 */
export function migrationError(plan: MigrationPlan): CompileError | undefined {
  const first = plan.steps.find((s) => s.kind === 'unsupported_change');
  if (first === undefined || first.kind !== 'unsupported_change') return undefined;
  const message = first.code === undefined ? first.reason : `[${first.code}] ${first.reason}`;
  return new CompileError('migration_unsupported', message, { details: { entity: first.entity, code: first.code ?? null, steps: plan.steps } });
}
