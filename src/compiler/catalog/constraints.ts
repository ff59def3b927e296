// Constraint checks (§5.2–5.8): keys, uniques, indexes, ranges, checks, embeds and edge cardinality.
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { BodyConstraintNode, ConstraintArgNode } from '../schema/ast.js';
import { compileCheckPattern } from './check-pattern.js';
import type { PropertyDraft, TypeDraft } from './draft.js';
import { formatPropertyType, isNumericType, isStringScalar, restrictedKind } from './property-type.js';
import type { Reporter } from './reporter.js';
import type { CardinalitySpec, CheckSpec, PropertySetSpec, RangeSpec } from './types.js';

/** The resolved constraints of one node or edge (key members still in written order). */
export interface ResolvedConstraints {
  readonly key: readonly string[] | null;
  readonly uniques: readonly PropertySetSpec[];
  readonly indexes: readonly PropertySetSpec[];
  readonly ranges: readonly RangeSpec[];
  readonly checks: readonly CheckSpec[];
  readonly cardinality: CardinalitySpec;
}

/** Largest `@card` bound (u32). */
export const MAX_CARD = 4_294_967_295;

const EDGE_ENDPOINT_COLUMNS: ReadonlySet<string> = new Set(['src', 'dst']);

/** Check and normalise the constraints of a node (after interface injection) or an edge. */
export function resolveConstraints(rep: Reporter, t: TypeDraft): ResolvedConstraints {
  const typeName = t.name.text;
  const isEdge = t.kind === 'edge';
  const props = new Map(t.properties.map((p) => [p.name, p]));
  const keys: { members: string[]; range: SourceRange }[] = [];
  const uniques = new PropertySets();
  const indexes = new PropertySets();
  const ranges: RangeSpec[] = [];
  const checks: CheckSpec[] = [];
  for (const p of t.properties) {
    if (p.key !== null) keys.push({ members: [p.name], range: p.key });
    if (p.unique !== null) uniques.add([p.name]);
    if (p.index !== null) indexes.add([p.name]);
    if (p.embed !== null) checkEmbed(rep, typeName, p, props);
  }
  for (const c of t.constraints) {
    const ctx = { typeName };
    if (isEdge && (c.name === 'key' || c.name === 'range' || c.name === 'check')) {
      rep.report('S301', `@${c.name} constraint is not supported on edges (edge ${typeName})`, c.range, ctx);
      continue;
    }
    const members = memberNames(c.args);
    const resolved = checkMembers(rep, t, c, members, props, isEdge && c.name !== 'key');
    if (resolved === null) continue;
    switch (c.name) {
      case 'key':
        keys.push({ members, range: c.range });
        for (const p of resolved) {
          const bad = restrictedKind(p.type);
          if (bad !== undefined) rep.report('S305', `@key property ${typeName}.${p.name} cannot be a ${bad}`, c.range, { typeName, property: p.name });
          else if (p.type.nullable) rep.report('S402', `@key property ${typeName}.${p.name} cannot be nullable`, c.range, { typeName, property: p.name });
        }
        break;
      case 'unique':
      case 'index':
        for (const p of resolved) {
          const bad = restrictedKind(p.type);
          if (bad === 'Blob' || bad === 'list' || (bad === 'Vector' && c.name === 'unique')) {
            rep.report('S305', `@${c.name} is not supported on ${bad === 'Blob' ? 'blob' : bad} property ${typeName}.${p.name}`, c.range, { typeName, property: p.name });
          }
        }
        (c.name === 'unique' ? uniques : indexes).add(members);
        break;
      case 'range': {
        const spec = checkRange(rep, typeName, c, resolved[0]);
        if (spec !== null) ranges.push(spec);
        break;
      }
      case 'check': {
        const spec = checkPattern(rep, typeName, c, resolved[0]);
        if (spec !== null) checks.push(spec);
        break;
      }
    }
  }
  if (keys.length > 1) {
    rep.report('S401', `node type ${typeName} has multiple @key constraints; only one is supported`, (keys[1] as { range: SourceRange }).range, { typeName });
  }
  return { key: keys[0]?.members ?? null, uniques: uniques.list, indexes: indexes.list, ranges, checks, cardinality: isEdge ? checkCard(rep, t) : { min: 0, max: null } };
}

/** Unique/index member lists, deduplicated as sets. */
class PropertySets {
  readonly list: PropertySetSpec[] = [];
  readonly #seen = new Set<string>();

  add(members: readonly string[]): void {
    const key = [...members].sort().join('\u0000');
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.list.push({ properties: [...members] });
  }
}

function memberNames(args: readonly ConstraintArgNode[]): string[] {
  return args.filter((a) => a.kind === 'ident').map((a) => (a as { value: string }).value);
}

/** Resolve members to properties (S403/S404). `src`/`dst` are allowed on edges and resolve to no property. */
function checkMembers(rep: Reporter, t: TypeDraft, c: BodyConstraintNode, members: readonly string[], props: ReadonlyMap<string, PropertyDraft>, allowEndpoints: boolean): PropertyDraft[] | null {
  const typeName = t.name.text;
  const out: PropertyDraft[] = [];
  const seen = new Set<string>();
  let ok = true;
  for (const m of members) {
    if (seen.has(m)) {
      rep.report('S404', `@${c.name} on ${t.kind} ${typeName} lists '${m}' twice`, c.range, { typeName, property: m });
      ok = false;
      continue;
    }
    seen.add(m);
    if (allowEndpoints && EDGE_ENDPOINT_COLUMNS.has(m)) continue;
    const p = props.get(m);
    if (p === undefined) {
      rep.report('S403', `@${c.name} on ${t.kind} ${typeName} references unknown property '${m}'`, c.range, { typeName, property: m });
      ok = false;
      continue;
    }
    out.push(p);
  }
  return ok ? out : null;
}

function checkRange(rep: Reporter, typeName: string, c: BodyConstraintNode, p: PropertyDraft | undefined): RangeSpec | null {
  const bound = c.args[1];
  if (p === undefined || bound?.kind !== 'range') return null;
  const ctx = { typeName, property: p.name };
  if (!isNumericType(p.type)) {
    rep.report('S305', `@range on ${typeName}.${p.name} requires a numeric type, got ${formatPropertyType(p.type)}`, c.range, ctx);
    return null;
  }
  const min = bound.min === null ? null : Number(bound.min.text);
  const max = bound.max === null ? null : Number(bound.max.text);
  if ((min !== null && !Number.isFinite(min)) || (max !== null && !Number.isFinite(max))) {
    rep.report('S405', `@range on ${typeName}.${p.name} has a bound outside the f64 range`, bound.range, ctx);
    return null;
  }
  if (min !== null && max !== null && min > max) {
    rep.report('S405', `@range on ${typeName}.${p.name} has min ${bound.min?.text} greater than max ${bound.max?.text}`, bound.range, ctx);
    return null;
  }
  return { property: p.name, min: min === 0 ? 0 : min, max: max === 0 ? 0 : max };
}

function checkPattern(rep: Reporter, typeName: string, c: BodyConstraintNode, p: PropertyDraft | undefined): CheckSpec | null {
  const arg = c.args[1];
  if (p === undefined || arg?.kind !== 'string') return null;
  const ctx = { typeName, property: p.name };
  if (!isStringScalar(p.type)) {
    rep.report('S305', `@check on ${typeName}.${p.name} requires String type, got ${formatPropertyType(p.type)}`, c.range, ctx);
    return null;
  }
  const compiled = compileCheckPattern(arg.value);
  if (!compiled.ok) {
    rep.report('S406', `@check on ${typeName}.${p.name} has invalid regex '${arg.value}': ${compiled.reason}`, arg.range, ctx);
    return null;
  }
  return { property: p.name, pattern: arg.value };
}

function checkEmbed(rep: Reporter, typeName: string, p: PropertyDraft, props: ReadonlyMap<string, PropertyDraft>): void {
  const embed = p.embed;
  if (embed === null) return;
  const ctx = { typeName, property: p.name };
  const source = props.get(embed.source);
  if (source === undefined) {
    rep.report('S403', `@embed on ${typeName}.${p.name} references unknown source property ${embed.source}`, embed.range, ctx);
  } else if (!isStringScalar(source.type)) {
    rep.report('S408', `@embed source property ${typeName}.${embed.source} must be String, got ${formatPropertyType(source.type)}`, embed.range, ctx);
  }
}

function checkCard(rep: Reporter, t: TypeDraft): CardinalitySpec {
  const card = t.card;
  if (card === null) return { min: 0, max: null };
  const typeName = t.name.text;
  const min = Number(card.min);
  const max = card.max === null ? null : Number(card.max);
  if (min > MAX_CARD || (max !== null && max > MAX_CARD)) {
    rep.report('S407', `@card bounds of edge ${typeName} must be at most ${MAX_CARD}`, card.range, { typeName });
  } else if (max !== null && min > max) {
    rep.report('S407', `cardinality min (${card.min}) exceeds max (${card.max}) on edge ${typeName}`, card.range, { typeName });
  }
  return { min, max };
}
