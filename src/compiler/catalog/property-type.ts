// Property-type resolution from the syntax tree, plus formatting and predicates every layer shares.
import type { TypeRefNode } from '../schema/ast.js';
import type { Reporter } from './reporter.js';
import type { PropertyType, ScalarType } from './types.js';

/** The largest `Vector(N)` dimension. */
export const MAX_VECTOR_DIMENSION = 2_147_483_647;

const NUMERIC: ReadonlySet<ScalarType> = new Set(['I32', 'I64', 'U32', 'U64', 'F32', 'F64']);

/** Resolve a written type, reporting S201–S204; returns undefined when the type is rejected. */
export function resolvePropertyType(node: TypeRefNode, rep: Reporter, context: { typeName: string; property: string }): PropertyType | undefined {
  switch (node.kind) {
    case 'base':
      return { kind: 'scalar', scalar: node.base, nullable: node.nullable };
    case 'list':
      if (node.element === 'Blob') {
        rep.report('S203', `list of Blob is not supported (property ${context.typeName}.${context.property})`, node.range, context);
        return undefined;
      }
      return { kind: 'list', element: node.element, nullable: node.nullable };
    case 'vector': {
      const dimension = Number(node.dimension);
      if (dimension === 0) {
        rep.report('S201', `Vector dimension must be greater than zero (property ${context.typeName}.${context.property})`, node.range, context);
        return undefined;
      }
      if (dimension > MAX_VECTOR_DIMENSION) {
        rep.report('S202', `Vector dimension ${node.dimension} exceeds maximum supported ${MAX_VECTOR_DIMENSION} (property ${context.typeName}.${context.property})`, node.range, context);
        return undefined;
      }
      return { kind: 'vector', dimension, nullable: node.nullable };
    }
    case 'enum': {
      const seen = new Set<string>();
      for (const v of node.values) {
        if (seen.has(v.text)) {
          rep.report('S204', `enum type cannot include duplicate values ('${v.text}' in ${context.typeName}.${context.property})`, v.range, context);
          return undefined;
        }
        seen.add(v.text);
      }
      return { kind: 'enum', values: [...seen].sort(compareCodeUnits), nullable: node.nullable };
    }
  }
}

/** Code-unit order (equal to byte order for ASCII names and enum values). */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Render a type as the schema language writes it.
 * @example
 * formatPropertyType({ kind: 'enum', values: ['a', 'b'], nullable: true }); // 'enum(a, b)?'
 */
export function formatPropertyType(t: PropertyType): string {
  const core =
    t.kind === 'scalar' ? t.scalar : t.kind === 'list' ? `[${t.element}]` : t.kind === 'enum' ? `enum(${t.values.join(', ')})` : `Vector(${t.dimension})`;
  return t.nullable ? `${core}?` : core;
}

/** Exact type equality, including nullability and the enum value set. */
export function samePropertyType(a: PropertyType, b: PropertyType): boolean {
  return formatPropertyType(a) === formatPropertyType(b);
}

/** True for the numeric scalars I32…F64 (not lists). */
export function isNumericType(t: PropertyType): boolean {
  return t.kind === 'scalar' && NUMERIC.has(t.scalar);
}

/** True for a non-list `String` (enums excluded). */
export function isStringScalar(t: PropertyType): boolean {
  return t.kind === 'scalar' && t.scalar === 'String';
}

/** A short noun for error messages: `list`, `Vector`, `Blob`, or undefined for other types. */
export function restrictedKind(t: PropertyType): 'list' | 'Vector' | 'Blob' | undefined {
  if (t.kind === 'list') return 'list';
  if (t.kind === 'vector') return 'Vector';
  if (t.kind === 'scalar' && t.scalar === 'Blob') return 'Blob';
  return undefined;
}
