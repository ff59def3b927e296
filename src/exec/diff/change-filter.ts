// The filter every change surface takes (kinds, type names, ops; empty = all), validated and in canonical form.
import type { Catalog, EdgeType, NodeType } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';

/** Entity kinds. */
export type EntityKind = 'node' | 'edge';

/** Change operations, in their frozen rank order (insert < update < delete). */
export const CHANGE_OPS = ['insert', 'update', 'delete'] as const;

/** One change operation. */
export type ChangeOp = (typeof CHANGE_OPS)[number];

/** Which changes a caller wants: each list empty or absent = all. */
export interface ChangeFilter {
  readonly kinds?: readonly string[];
  readonly types?: readonly string[];
  readonly ops?: readonly string[];
}

/** A validated filter: sorted, de-duplicated lists (empty = all). */
export interface NormalizedFilter {
  readonly kinds: readonly EntityKind[];
  readonly types: readonly string[];
  readonly ops: readonly ChangeOp[];
}

const KINDS: readonly EntityKind[] = ['node', 'edge'];

/**
 * Validate and canonicalize `filter` against `catalog`. `bad_request` for an unknown kind, op or type name.
 * @example
 * normalizeFilter(catalog, { kinds: ['edge'], ops: ['delete', 'insert'] }) // {kinds:['edge'], types:[], ops:['delete','insert']}
 */
export function normalizeFilter(catalog: Catalog, filter: ChangeFilter = {}): NormalizedFilter {
  const kinds = uniqueSorted(filter.kinds ?? []);
  for (const k of kinds) if (!KINDS.includes(k as EntityKind)) throw new OmniError('bad_request', `unknown entity kind '${k}'; use node or edge`, { details: { kind: k } });
  const ops = uniqueSorted(filter.ops ?? []);
  for (const o of ops) if (!CHANGE_OPS.includes(o as ChangeOp)) throw new OmniError('bad_request', `unknown change op '${o}'; use insert, update or delete`, { details: { op: o } });
  const types = uniqueSorted(filter.types ?? []);
  for (const t of types) {
    if (catalog.nodes[t] === undefined && catalog.edges[t] === undefined) {
      throw new OmniError('bad_request', `unknown type '${t}' in the change filter; name a node or edge type of the schema`, { details: { type: t } });
    }
  }
  return Object.freeze({ kinds: kinds as EntityKind[], types, ops: ops as ChangeOp[] });
}

/** The canonical text of a normalized filter (what tokens bind to). */
export function filterText(f: NormalizedFilter): string {
  return JSON.stringify([f.kinds, f.types, f.ops]);
}

/** The catalog's node and edge types the filter's kinds and type names admit (nodes first, by name). */
export function typesOf(catalog: Catalog, f: NormalizedFilter): (NodeType | EdgeType)[] {
  const all: (NodeType | EdgeType)[] = [...Object.values(catalog.nodes), ...Object.values(catalog.edges)];
  return all.filter((t) => (f.kinds.length === 0 || f.kinds.includes(t.kind)) && (f.types.length === 0 || f.types.includes(t.name)));
}

/** True when the filter admits `op`. */
export function admitsOp(f: NormalizedFilter, op: ChangeOp): boolean {
  return f.ops.length === 0 || f.ops.includes(op);
}

function uniqueSorted(list: readonly string[]): string[] {
  if (!Array.isArray(list)) throw new OmniError('bad_request', 'change filter fields must be lists of strings');
  for (const x of list) if (typeof x !== 'string') throw new OmniError('bad_request', 'change filter fields must be lists of strings');
  return [...new Set(list)].sort();
}
