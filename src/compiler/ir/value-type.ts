// Value types carried by IR expressions, parameters and output columns, with their canonical rendering.

/** Scalar base types of the schema and query languages. */
export type ScalarKind = 'String' | 'Bool' | 'I32' | 'I64' | 'U32' | 'U64' | 'F32' | 'F64' | 'Date' | 'DateTime' | 'Blob';

/** Every scalar kind, in the order the spec lists them. */
export const SCALAR_KINDS: readonly ScalarKind[] = Object.freeze(['String', 'Blob', 'Bool', 'I32', 'I64', 'U32', 'U64', 'F32', 'F64', 'DateTime', 'Date']);

/** A scalar value type. */
export interface ScalarType {
  readonly kind: 'scalar';
  readonly scalar: ScalarKind;
  readonly nullable: boolean;
}

/** `enum(a, b, …)`; `values` sorted (byte order), as the catalog stores them. */
export interface EnumType {
  readonly kind: 'enum';
  readonly values: readonly string[];
  readonly nullable: boolean;
}

/** `[T]` of a non-null scalar or enum element. */
export interface ListType {
  readonly kind: 'list';
  readonly element: ScalarType | EnumType;
  readonly nullable: boolean;
}

/** `Vector(N)` of float32. */
export interface VectorType {
  readonly kind: 'vector';
  readonly dim: number;
  readonly nullable: boolean;
}

/** A bare node variable (its value at run time is the node's `id` string). */
export interface NodeRefType {
  readonly kind: 'node';
  readonly typeName: string;
  readonly nullable: false;
}

/** The type of any IR value. */
export type ValueType = ScalarType | EnumType | ListType | VectorType | NodeRefType;

const NUMERIC: ReadonlySet<ScalarKind> = new Set(['I32', 'I64', 'U32', 'U64', 'F32', 'F64']);
const INTEGER: ReadonlySet<ScalarKind> = new Set(['I32', 'I64', 'U32', 'U64']);

/** Build a frozen scalar type. */
export function scalarType(scalar: ScalarKind, nullable = false): ScalarType {
  return Object.freeze({ kind: 'scalar', scalar, nullable });
}

/** Build a frozen enum type (values sorted and de-duplicated). */
export function enumType(values: readonly string[], nullable = false): EnumType {
  return Object.freeze({ kind: 'enum', values: Object.freeze([...new Set(values)].sort()), nullable });
}

/** Build a frozen list type. */
export function listType(element: ScalarType | EnumType, nullable = false): ListType {
  return Object.freeze({ kind: 'list', element: withNullable(element, false), nullable });
}

/** Build a frozen vector type. */
export function vectorType(dim: number, nullable = false): VectorType {
  return Object.freeze({ kind: 'vector', dim, nullable });
}

/** Build the type of a bare node variable. */
export function nodeRefType(typeName: string): NodeRefType {
  return Object.freeze({ kind: 'node', typeName, nullable: false });
}

/** The same type with a different nullability (node references stay non-null). */
export function withNullable<T extends ValueType>(t: T, nullable: boolean): T {
  if (t.kind === 'node' || t.nullable === nullable) return t;
  return Object.freeze({ ...t, nullable }) as unknown as T;
}

/** True for I32 … F64. */
export function isNumeric(t: ValueType): boolean {
  return t.kind === 'scalar' && NUMERIC.has(t.scalar);
}

/** True for I32, I64, U32, U64. */
export function isInteger(t: ValueType): boolean {
  return t.kind === 'scalar' && INTEGER.has(t.scalar);
}

/** True for `String` and enums (enums compare as String). */
export function isStringLike(t: ValueType): boolean {
  return (t.kind === 'scalar' && t.scalar === 'String') || t.kind === 'enum';
}

/** True for `Blob`. */
export function isBlob(t: ValueType): boolean {
  return t.kind === 'scalar' && t.scalar === 'Blob';
}

/** Canonical spelling: `I32`, `String?`, `[I32]?`, `Vector(3)`, `enum(a, b)`, `node Person`. */
export function renderType(t: ValueType): string {
  const q = t.nullable ? '?' : '';
  switch (t.kind) {
    case 'scalar':
      return `${t.scalar}${q}`;
    case 'enum':
      return `enum(${t.values.join(', ')})${q}`;
    case 'list':
      return `[${renderType(t.element)}]${q}`;
    case 'vector':
      return `Vector(${t.dim})${q}`;
    case 'node':
      return `node ${t.typeName}`;
  }
}

/** Structural equality of two types (nullability included). */
export function sameType(a: ValueType, b: ValueType): boolean {
  return renderType(a) === renderType(b);
}
