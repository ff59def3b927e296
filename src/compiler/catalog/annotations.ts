// Annotation checks: the placement matrix (spec §5.1), argument shapes, repeats, and property-level type rules.
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { AnnotationNode, ArgNode, PropertyNode } from '../schema/ast.js';
import type { PropertyDraft, RenameHint, TypeMeta } from './draft.js';
import { restrictedKind } from './property-type.js';
import type { Reporter } from './reporter.js';
import type { AnnotationValue, CustomAnnotation, PropertyType } from './types.js';

/** Where a property annotation sits. */
export type PropertySite = 'node' | 'edge' | 'interface';

const SINGLE_USE: ReadonlySet<string> = new Set(['key', 'unique', 'index', 'embed', 'description', 'instruction', 'rename_from']);

/** Check a property's annotations and build its draft (origin `declared`). */
export function readProperty(rep: Reporter, prop: PropertyNode, type: PropertyType, site: PropertySite, typeName: string): PropertyDraft {
  const p = prop.name.text;
  const ctx = { typeName, property: p };
  const where = `${typeName}.${p}`;
  const draft: PropertyDraft = {
    name: p,
    nameRange: prop.name.range,
    typeRange: prop.type.range,
    type,
    key: null,
    unique: null,
    index: null,
    embed: null,
    description: null,
    renameFrom: null,
    annotations: [],
    origin: 'declared',
    interfaces: [],
  };
  let renameFrom: RenameHint | null = null;
  const seen = new Set<string>();
  for (const a of prop.annotations) {
    const name = a.name.text;
    if (SINGLE_USE.has(name)) {
      if (seen.has(name)) {
        rep.report('S302', `${where} declares @${name} multiple times`, a.range, ctx);
        continue;
      }
      seen.add(name);
    }
    switch (name) {
      case 'key':
        if (site === 'edge') rep.report('S301', `@key is not supported on edge properties (${where})`, a.range, ctx);
        else if (noArgs(rep, a, ctx)) {
          const bad = restrictedKind(type);
          if (bad !== undefined) rep.report('S305', `@key property ${where} cannot be a ${bad}`, a.range, ctx);
          else if (type.nullable) rep.report('S402', `@key property ${where} cannot be nullable`, a.range, ctx);
          draft.key = a.range;
        }
        break;
      case 'unique':
      case 'index':
        if (noArgs(rep, a, ctx)) {
          const bad = restrictedKind(type);
          if (bad === 'Blob' || bad === 'list' || (bad === 'Vector' && name === 'unique')) {
            rep.report('S305', `@${name} is not supported on ${bad === 'Blob' ? 'blob' : bad} property ${where}`, a.range, ctx);
          }
          draft[name] = a.range;
        }
        break;
      case 'embed':
        if (site === 'edge') rep.report('S301', `@embed is not supported on edge properties (${where})`, a.range, ctx);
        else {
          if (type.kind !== 'vector') rep.report('S305', `@embed is only supported on Vector properties, not on ${where}`, a.range, ctx);
          draft.embed = readEmbed(rep, a, where, ctx);
        }
        break;
      case 'range':
      case 'check':
        rep.report('S301', `@${name} exists only as a body constraint, e.g. @${name === 'range' ? 'range(p, 0..10)' : 'check(p, "^x")'} (${where})`, a.range, ctx);
        break;
      case 'card':
        rep.report('S301', `@card is only supported on edges, as @card(min..max) after the endpoints (${where})`, a.range, ctx);
        break;
      case 'instruction':
        rep.report('S301', `@instruction is only supported on node and edge types (property ${where})`, a.range, ctx);
        break;
      case 'description':
        draft.description = oneString(rep, a, where, ctx)?.value ?? null;
        break;
      case 'rename_from':
        renameFrom = oneString(rep, a, where, ctx);
        break;
      default:
        draft.annotations.push(customAnnotation(a));
    }
  }
  return { ...draft, renameFrom };
}

/** Check the type-level annotations of a node or edge. */
export function readTypeMeta(rep: Reporter, annotations: readonly AnnotationNode[], kind: 'node' | 'edge', typeName: string): TypeMeta {
  const ctx = { typeName };
  const where = `${kind} ${typeName}`;
  let description: string | null = null;
  let instruction: string | null = null;
  let renameFrom: RenameHint | null = null;
  const custom: CustomAnnotation[] = [];
  const seen = new Set<string>();
  for (const a of annotations) {
    const name = a.name.text;
    if (SINGLE_USE.has(name)) {
      if (seen.has(name)) {
        rep.report('S302', `${where} declares @${name} multiple times`, a.range, ctx);
        continue;
      }
      seen.add(name);
    }
    switch (name) {
      case 'key':
        rep.report('S301', kind === 'node' ? `@key is only supported on node properties or as body constraint (${where})` : `@key is not supported on edges (${where})`, a.range, ctx);
        break;
      case 'unique':
      case 'index':
        rep.report('S301', kind === 'node' ? `@${name} is only supported on properties or as body constraint (${where})` : `@${name} is not supported on edges (${where})`, a.range, ctx);
        break;
      case 'embed':
        rep.report('S301', `@embed is only supported on Vector node properties (${where})`, a.range, ctx);
        break;
      case 'range':
      case 'check':
        rep.report('S301', `@${name} exists only as a body constraint @${name}(p, …) (${where})`, a.range, ctx);
        break;
      case 'card':
        rep.report('S301', kind === 'node' ? `@card is only supported on edges (${where})` : `@card needs bounds, @card(min..max), directly after the endpoints (${where})`, a.range, ctx);
        break;
      case 'description':
        description = oneString(rep, a, where, ctx)?.value ?? null;
        break;
      case 'instruction':
        instruction = oneString(rep, a, where, ctx)?.value ?? null;
        break;
      case 'rename_from':
        renameFrom = oneString(rep, a, where, ctx);
        break;
      default:
        custom.push(customAnnotation(a));
    }
  }
  return { description, instruction, renameFrom, annotations: custom };
}

function noArgs(rep: Reporter, a: AnnotationNode, ctx: { typeName: string; property?: string }): boolean {
  if (!a.hasParens) return true;
  rep.report('S303', `@${a.name.text} on a property takes no arguments`, a.range, ctx);
  return false;
}

/** `@description("…")`, `@instruction("…")`, `@rename_from("…")`: exactly one non-empty string, no keywords. */
function oneString(rep: Reporter, a: AnnotationNode, where: string, ctx: { typeName: string; property?: string }): RenameHint | null {
  const arg = a.args[0];
  if (!a.hasParens || a.args.length !== 1 || a.kwargs.length > 0 || arg?.kind !== 'string' || arg.value === '') {
    rep.report('S303', `@${a.name.text} on ${where} requires exactly one non-empty string argument`, a.range, ctx);
    return null;
  }
  return { value: arg.value, range: arg.range };
}

function readEmbed(rep: Reporter, a: AnnotationNode, where: string, ctx: { typeName: string; property: string }): PropertyDraft['embed'] {
  const arg = a.args[0];
  if (!a.hasParens || arg === undefined || (arg.kind !== 'string' && arg.kind !== 'ident') || arg.value === '') {
    rep.report('S303', `@embed on ${where} requires a source property, e.g. @embed("title") or @embed(title)`, a.range, ctx);
    return null;
  }
  let model: string | null = null;
  for (const kw of a.kwargs) {
    if (kw.name.text !== 'model') {
      rep.report('S304', `@embed on ${where} has unknown argument '${kw.name.text}=' (only 'model' is supported)`, kw.range, ctx);
    } else if (model !== null || kw.value.kind !== 'string' || kw.value.value === '') {
      rep.report('S303', `@embed on ${where}: model must be given once, as a non-empty string`, kw.range, ctx);
    } else {
      model = kw.value.value;
    }
  }
  return { source: arg.value, model, range: a.range as SourceRange };
}

function valueOf(arg: ArgNode): AnnotationValue {
  return { kind: arg.kind, value: arg.value };
}

function customAnnotation(a: AnnotationNode): CustomAnnotation {
  return { name: a.name.text, args: a.args.map(valueOf), kwargs: a.kwargs.map((k) => ({ name: k.name.text, value: valueOf(k.value) })) };
}
