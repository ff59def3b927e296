// First catalog pass: one draft per declaration, with duplicate names, reserved names and property types checked.
import type { DeclarationNode, SchemaAst } from '../schema/ast.js';
import { readProperty, readTypeMeta, type PropertySite } from './annotations.js';
import type { PropertyDraft, TypeDraft } from './draft.js';
import { resolvePropertyType } from './property-type.js';
import type { Reporter } from './reporter.js';

/** Storage-level column names no property may take (spec §3.5, plus the load format's `_tombstone`). */
export const RESERVED_PROPERTY_NAMES: readonly string[] = Object.freeze([
  '_rowid',
  '_rowaddr',
  '_rowoffset',
  '_row_created_at_version',
  '_row_last_updated_at_version',
  '_tombstone',
]);

/** Physical columns a property would collide with, per kind. */
const PHYSICAL_COLUMNS: Readonly<Record<PropertySite, readonly string[]>> = { interface: ['id'], node: ['id'], edge: ['id', 'src', 'dst'] };

/** Drafts per kind, keyed by name (the first declaration wins a duplicate name). */
export interface Declarations {
  readonly interfaces: Map<string, TypeDraft>;
  readonly nodes: Map<string, TypeDraft>;
  readonly edges: Map<string, TypeDraft>;
}

const KIND_NOUN = { interface: 'interface', node: 'node type', edge: 'edge type' } as const;

/** Build drafts for every declaration, reporting S501, S504, S505, S2xx and annotation diagnostics. */
export function collectDeclarations(rep: Reporter, ast: SchemaAst): Declarations {
  const out: Declarations = { interfaces: new Map(), nodes: new Map(), edges: new Map() };
  for (const decl of ast.declarations) {
    const bucket = decl.kind === 'interface' ? out.interfaces : decl.kind === 'node' ? out.nodes : out.edges;
    const name = decl.name.text;
    if (bucket.has(name)) {
      rep.report('S501', `duplicate ${KIND_NOUN[decl.kind]}: ${name}`, decl.name.range, { typeName: name });
      continue;
    }
    bucket.set(name, draftOf(rep, decl));
  }
  return out;
}

function draftOf(rep: Reporter, decl: DeclarationNode): TypeDraft {
  const typeName = decl.name.text;
  const properties: PropertyDraft[] = [];
  const seen = new Set<string>();
  for (const prop of decl.properties) {
    const p = prop.name.text;
    const ctx = { typeName, property: p };
    if (seen.has(p)) {
      rep.report('S504', `duplicate property '${p}' in ${decl.kind} ${typeName}`, prop.name.range, ctx);
      continue;
    }
    seen.add(p);
    if (RESERVED_PROPERTY_NAMES.includes(p)) {
      rep.report('S505', `property name '${p}' on ${decl.kind} ${typeName} is reserved by the storage layer`, prop.name.range, ctx);
      continue;
    }
    if (PHYSICAL_COLUMNS[decl.kind].includes(p)) {
      rep.report('S505', `property name '${p}' on ${decl.kind} ${typeName} is reserved: it collides with the physical '${p}' column`, prop.name.range, ctx);
      continue;
    }
    const type = resolvePropertyType(prop.type, rep, ctx);
    if (type === undefined) continue;
    properties.push(readProperty(rep, prop, type, decl.kind, typeName));
  }
  if (decl.kind === 'interface') {
    return {
      kind: 'interface',
      name: decl.name,
      meta: { description: null, instruction: null, renameFrom: null, annotations: [] },
      properties,
      implements: [],
      constraints: [],
      from: null,
      to: null,
      card: null,
    };
  }
  const meta = readTypeMeta(rep, decl.annotations, decl.kind, typeName);
  if (decl.kind === 'node') {
    return { kind: 'node', name: decl.name, meta, properties, implements: decl.implements, constraints: decl.constraints, from: null, to: null, card: null };
  }
  return { kind: 'edge', name: decl.name, meta, properties, implements: [], constraints: decl.constraints, from: decl.from, to: decl.to, card: decl.card };
}
