// Identity resolution (§7.1): match declarations to the accepted schema by name or `@rename_from`, allocate new ids.
import type { TypeDraft } from './draft.js';
import { compareCodeUnits } from './property-type.js';
import type { Reporter } from './reporter.js';

/** The identity facts of one accepted type that resolution needs (a `Catalog` type satisfies it). */
export interface IdentityType {
  readonly typeId: number;
  readonly incarnationId?: number;
  readonly properties: Readonly<Record<string, { readonly id: number }>>;
}

/** The accepted schema's identities (a `Catalog` satisfies it). */
export interface IdentitySource {
  readonly nextIdentityId: number;
  readonly interfaces: Readonly<Record<string, IdentityType>>;
  readonly nodes: Readonly<Record<string, IdentityType>>;
  readonly edges: Readonly<Record<string, IdentityType>>;
}

/** Ids assigned to one declaration; `properties` maps the desired property name to its id. */
export interface AssignedType {
  readonly typeId: number;
  readonly incarnationId: number;
  readonly properties: ReadonlyMap<string, number>;
}

/** Result of identity resolution. */
export interface AssignedIdentities {
  readonly types: ReadonlyMap<TypeDraft, AssignedType>;
  readonly nextIdentityId: number;
}

type Kind = 'interface' | 'node' | 'edge';
const BUCKET = { interface: 'interfaces', node: 'nodes', edge: 'edges' } as const;
const NOUN = { interface: 'interface', node: 'node type', edge: 'edge type' } as const;

function lookup(source: IdentitySource | undefined, kind: Kind, name: string): IdentityType | undefined {
  if (source === undefined) return undefined;
  const bucket = source[BUCKET[kind]];
  return Object.hasOwn(bucket, name) ? bucket[name] : undefined;
}

/**
 * Assign type and property identities. Without `previous` (first init) every id is new and rename hints are inert.
 * New ids are allocated kind by kind (interfaces, nodes, edges), types in name order, each new type's id (and
 * incarnation) before its new properties, which are taken in byte-wise name order.
 */
export function assignIdentities(rep: Reporter, drafts: Record<Kind, readonly TypeDraft[]>, previous: IdentitySource | undefined): AssignedIdentities {
  const matches = new Map<TypeDraft, { accepted: IdentityType; acceptedName: string }>();
  for (const kind of ['interface', 'node', 'edge'] as const) matchTypes(rep, kind, drafts[kind], previous, matches);
  let next = previous?.nextIdentityId ?? 1;
  const types = new Map<TypeDraft, AssignedType>();
  for (const kind of ['interface', 'node', 'edge'] as const) {
    for (const t of [...drafts[kind]].sort((a, b) => compareCodeUnits(a.name.text, b.name.text))) {
      const match = matches.get(t);
      let typeId: number;
      let incarnationId = 0;
      if (match === undefined) {
        typeId = next++;
        if (kind !== 'interface') incarnationId = next++;
      } else {
        typeId = match.accepted.typeId;
        incarnationId = match.accepted.incarnationId ?? 0;
      }
      const properties = matchProperties(rep, t, match?.accepted, match?.acceptedName, previous !== undefined);
      for (const name of t.properties.map((p) => p.name).sort(compareCodeUnits)) {
        if (!properties.has(name)) properties.set(name, next++);
      }
      types.set(t, { typeId, incarnationId, properties });
    }
  }
  return { types, nextIdentityId: next };
}

function matchTypes(
  rep: Reporter,
  kind: Kind,
  drafts: readonly TypeDraft[],
  previous: IdentitySource | undefined,
  matches: Map<TypeDraft, { accepted: IdentityType; acceptedName: string }>,
): void {
  if (previous === undefined) return;
  const claimedBy = new Map<string, string>();
  for (const t of drafts) {
    const accepted = lookup(previous, kind, t.name.text);
    if (accepted === undefined) continue;
    matches.set(t, { accepted, acceptedName: t.name.text });
    claimedBy.set(t.name.text, t.name.text);
    const hint = t.meta.renameFrom;
    if (hint !== null) {
      rep.report('S601', `@rename_from("${hint.value}") on ${kind} ${t.name.text} ignored: ${t.name.text} already matches an accepted ${NOUN[kind]}`, hint.range, { typeName: t.name.text });
    }
  }
  for (const t of drafts) {
    const hint = t.meta.renameFrom;
    if (hint === null || matches.has(t)) continue;
    const ctx = { typeName: t.name.text };
    const accepted = lookup(previous, kind, hint.value);
    if (accepted === undefined) {
      const other = kind === 'node' ? 'edge' : kind === 'edge' ? 'node' : null;
      if (other !== null && lookup(previous, other, hint.value) !== undefined) {
        rep.report('S603', `@rename_from("${hint.value}") on ${kind} ${t.name.text}: '${hint.value}' is an accepted ${NOUN[other]}; renames cannot cross kinds`, hint.range, ctx);
      } else {
        rep.report('S602', `@rename_from("${hint.value}") on ${kind} ${t.name.text}: no accepted ${NOUN[kind]} named '${hint.value}'`, hint.range, ctx);
      }
      continue;
    }
    const holder = claimedBy.get(hint.value);
    if (holder !== undefined) {
      rep.report('S605', `accepted ${NOUN[kind]} '${hint.value}' is claimed by both ${holder} and ${t.name.text}`, hint.range, ctx);
      continue;
    }
    claimedBy.set(hint.value, t.name.text);
    matches.set(t, { accepted, acceptedName: hint.value });
  }
}

function matchProperties(rep: Reporter, t: TypeDraft, accepted: IdentityType | undefined, acceptedName: string | undefined, hasPrevious: boolean): Map<string, number> {
  const out = new Map<string, number>();
  if (!hasPrevious) return out;
  const typeName = t.name.text;
  const claimedBy = new Map<string, string>();
  const acceptedProps = accepted?.properties;
  const has = (name: string): boolean => acceptedProps !== undefined && Object.hasOwn(acceptedProps, name);
  for (const p of t.properties) {
    if (acceptedProps === undefined || !has(p.name)) continue;
    out.set(p.name, (acceptedProps[p.name] as { id: number }).id);
    claimedBy.set(p.name, p.name);
    if (p.renameFrom !== null) {
      rep.report('S601', `@rename_from("${p.renameFrom.value}") on ${typeName}.${p.name} ignored: the property already matches by name`, p.renameFrom.range, { typeName, property: p.name });
    }
  }
  for (const p of t.properties) {
    const hint = p.renameFrom;
    if (hint === null || out.has(p.name)) continue;
    const ctx = { typeName, property: p.name };
    if (acceptedProps === undefined) {
      rep.report('S604', `@rename_from("${hint.value}") on ${typeName}.${p.name}: ${t.kind} ${typeName} is new, and a brand-new type cannot import a property identity`, hint.range, ctx);
      continue;
    }
    if (hint.value.includes('.')) {
      rep.report('S604', `@rename_from("${hint.value}") on ${typeName}.${p.name}: property moves across stable owners are not supported`, hint.range, ctx);
      continue;
    }
    if (!has(hint.value)) {
      rep.report('S602', `@rename_from("${hint.value}") on ${typeName}.${p.name}: accepted ${t.kind} ${acceptedName ?? typeName} has no property '${hint.value}'`, hint.range, ctx);
      continue;
    }
    const holder = claimedBy.get(hint.value);
    if (holder !== undefined) {
      rep.report('S605', `accepted property ${acceptedName ?? typeName}.${hint.value} is claimed by both '${holder}' and '${p.name}'`, hint.range, ctx);
      continue;
    }
    claimedBy.set(hint.value, p.name);
    out.set(p.name, (acceptedProps[hint.value] as { id: number }).id);
  }
  return out;
}
