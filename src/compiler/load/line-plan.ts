// What the fast line scanner needs to know of a catalog, compiled once per load: names as bytes, slot kinds, rules.
import { compileCheckPattern } from '../catalog/check-pattern.js';
import { findProperty } from '../catalog/lookup.js';
import type { Catalog, EdgeType, NodeType, PropertyType } from '../catalog/types.js';
import { RESERVED_DATA_FIELDS } from './load-line.js';

/** How a property's JSON value is read. `complex` (lists, vectors, blobs) is left to the full validator when non-null. */
export type SlotKind = 'string' | 'enum' | 'bool' | 'i32' | 'u32' | 'i64' | 'u64' | 'f32' | 'f64' | 'date' | 'datetime' | 'complex';

/** One property of a type, in identity order (its slot index is its position in `TypePlan.slots`). */
export interface SlotPlan {
  readonly name: string;
  readonly nameBytes: Uint8Array;
  readonly kind: SlotKind;
  readonly nullable: boolean;
  /** False for names `data` may not use as properties (reserved physical state): such a member is never fast. */
  readonly matchable: boolean;
  /** Enum members as bytes, or null. */
  readonly enumValues: readonly Uint8Array[] | null;
  /** `@range` bounds on this property (node types only). */
  readonly ranges: readonly { readonly min: number | null; readonly max: number | null }[];
  /** `@check` patterns on this property (node types only); null when one does not compile (never fast then). */
  readonly checks: readonly RegExp[] | null;
}

/** An edge endpoint: the node type and whether every string is a possible id (unkeyed, or a single String key). */
export interface EndpointPlan {
  readonly node: NodeType;
  readonly anyText: boolean;
}

/** One node or edge type as the scanner sees it. */
export interface TypePlan {
  readonly type: NodeType | EdgeType;
  /** The node name, or the lower-cased edge name (edge names match case-insensitively), as ASCII bytes; null if not ASCII. */
  readonly nameBytes: Uint8Array | null;
  readonly slots: readonly SlotPlan[];
  /** The slot of a single-member `@key` whose text is its canonical id, -1 for unkeyed types. */
  readonly keySlot: number;
  /** False when lines of this type always go to the full validator (a composite or non-textual key). */
  readonly fast: boolean;
  readonly from: EndpointPlan | null;
  readonly to: EndpointPlan | null;
}

/** Every type of a catalog compiled for the scanner. */
export interface LinePlan {
  readonly catalog: Catalog;
  readonly nodes: readonly TypePlan[];
  readonly edges: readonly TypePlan[];
  /** The most slots of any type (the size of a scratch). */
  readonly maxSlots: number;
}

const encoder = new TextEncoder();

function slotKind(t: PropertyType): SlotKind {
  if (t.kind === 'enum') return 'enum';
  if (t.kind !== 'scalar') return 'complex';
  switch (t.scalar) {
    case 'String':
      return 'string';
    case 'Bool':
      return 'bool';
    case 'I32':
      return 'i32';
    case 'U32':
      return 'u32';
    case 'I64':
      return 'i64';
    case 'U64':
      return 'u64';
    case 'F32':
      return 'f32';
    case 'F64':
      return 'f64';
    case 'Date':
      return 'date';
    case 'DateTime':
      return 'datetime';
    case 'Blob':
      return 'complex';
  }
}

const asciiBytes = (s: string): Uint8Array | null => (/^[\x20-\x7e]*$/.test(s) ? encoder.encode(s) : null);

/** Key slot kinds whose JSON text is the canonical id itself (integers except `-0`, which the scanner rejects). */
const TEXT_KEYS: readonly SlotKind[] = ['string', 'enum', 'i32', 'u32', 'i64', 'u64', 'bool'];

function typePlan(catalog: Catalog, type: NodeType | EdgeType): TypePlan {
  const props = Object.values(type.properties);
  const slots = props.map((p): SlotPlan => {
    const reserved = p.name === 'id' || RESERVED_DATA_FIELDS.includes(p.name) || (type.kind === 'edge' && (p.name === 'src' || p.name === 'dst'));
    let checks: RegExp[] | null = [];
    const ranges: { min: number | null; max: number | null }[] = [];
    if (type.kind === 'node') {
      for (const r of type.ranges) if (r.property === p.name) ranges.push({ min: r.min, max: r.max });
      for (const c of type.checks) {
        if (c.property !== p.name || checks === null) continue;
        const compiled = compileCheckPattern(c.pattern);
        checks = compiled.ok ? [...checks, compiled.regex] : null;
      }
    }
    return {
      name: p.name,
      nameBytes: encoder.encode(p.name),
      kind: slotKind(p.type),
      nullable: p.type.nullable,
      matchable: !reserved,
      enumValues: p.type.kind === 'enum' ? p.type.values.map((v) => encoder.encode(v)) : null,
      ranges,
      checks,
    };
  });
  let keySlot = -1;
  let fast = true;
  if (type.kind === 'node' && type.key !== null) {
    const members = type.key.properties;
    keySlot = members.length === 1 ? props.findIndex((p) => p.name === members[0]) : -1;
    fast = keySlot >= 0 && TEXT_KEYS.includes(slots[keySlot]!.kind);
  }
  const endpoint = (name: string): EndpointPlan => {
    const node = catalog.nodes[name]!;
    const key = node.key?.properties ?? [];
    const anyText = node.key === null || (key.length === 1 && (() => {
      const t = findProperty(node, key[0]!)?.type;
      return t?.kind === 'scalar' && t.scalar === 'String';
    })());
    return { node, anyText };
  };
  return {
    type,
    nameBytes: asciiBytes(type.kind === 'edge' ? type.name.toLowerCase() : type.name),
    slots,
    keySlot,
    fast,
    from: type.kind === 'edge' ? endpoint(type.from) : null,
    to: type.kind === 'edge' ? endpoint(type.to) : null,
  };
}

/**
 * Compile a catalog for the fast scanner. Pure and cheap (once per load).
 * @example
 * const plan = compileLinePlan(catalog);
 * plan.nodes.find((t) => t.type.name === 'Person')?.slots.map((s) => s.kind);
 */
export function compileLinePlan(catalog: Catalog): LinePlan {
  const nodes = Object.values(catalog.nodes).map((n) => typePlan(catalog, n));
  const edges = Object.values(catalog.edges).map((e) => typePlan(catalog, e));
  const maxSlots = Math.max(1, ...[...nodes, ...edges].map((t) => t.slots.length));
  return { catalog, nodes, edges, maxSlots };
}
