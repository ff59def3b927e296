// The `.pg` syntax tree: what the text says, with source ranges, before any semantic check.
import type { SourceRange } from '../diagnostics/diagnostic.js';

/** A name as written, with its range. */
export interface NameNode {
  readonly text: string;
  readonly range: SourceRange;
}

/** The scalar base types of the grammar (`BaseType`). */
export type BaseTypeName = 'String' | 'Blob' | 'Bool' | 'I32' | 'I64' | 'U32' | 'U64' | 'F32' | 'F64' | 'DateTime' | 'Date';

/** Every base type name, in grammar order. */
export const BASE_TYPE_NAMES: readonly BaseTypeName[] = Object.freeze(['String', 'Blob', 'Bool', 'I32', 'I64', 'U32', 'U64', 'F32', 'F64', 'DateTime', 'Date']);

/** A property type as written. `dimension` keeps the digits; range checks happen in the catalog. */
export type TypeRefNode =
  | { readonly kind: 'base'; readonly base: BaseTypeName; readonly nullable: boolean; readonly range: SourceRange }
  | { readonly kind: 'list'; readonly element: BaseTypeName; readonly nullable: boolean; readonly range: SourceRange }
  | { readonly kind: 'enum'; readonly values: readonly NameNode[]; readonly nullable: boolean; readonly range: SourceRange }
  | { readonly kind: 'vector'; readonly dimension: string; readonly nullable: boolean; readonly range: SourceRange };

/** A literal or bare identifier argument. Numbers keep their source digits. */
export interface ArgNode {
  readonly kind: 'string' | 'integer' | 'float' | 'bool' | 'ident';
  /** Decoded text for strings, digits for numbers, `true`/`false`, or the identifier. */
  readonly value: string;
  readonly range: SourceRange;
}

/** `name = literal` inside annotation parentheses. */
export interface KwArgNode {
  readonly name: NameNode;
  readonly value: ArgNode;
  readonly range: SourceRange;
}

/** `@name` or `@name(arg, kw = lit, …)`; `args` holds the one positional argument when present. */
export interface AnnotationNode {
  readonly name: NameNode;
  readonly hasParens: boolean;
  readonly args: readonly ArgNode[];
  readonly kwargs: readonly KwArgNode[];
  readonly range: SourceRange;
}

/** A signed number as written in a `@range` bound (`-1.5`). */
export interface SignedNumberNode {
  readonly text: string;
  readonly range: SourceRange;
}

/** Body-constraint argument: a range bound, a literal or an identifier. */
export type ConstraintArgNode =
  | ArgNode
  | { readonly kind: 'range'; readonly min: SignedNumberNode | null; readonly max: SignedNumberNode | null; readonly range: SourceRange };

/** The five body-constraint names. */
export type ConstraintName = 'key' | 'unique' | 'index' | 'range' | 'check';

/** `@key(a, b)`, `@unique(…)`, `@index(…)`, `@range(p, lo..hi)`, `@check(p, "re")` inside a body. */
export interface BodyConstraintNode {
  readonly name: ConstraintName;
  readonly nameRange: SourceRange;
  readonly args: readonly ConstraintArgNode[];
  readonly range: SourceRange;
}

/** `name: Type @ann…` */
export interface PropertyNode {
  readonly name: NameNode;
  readonly type: TypeRefNode;
  readonly annotations: readonly AnnotationNode[];
  readonly range: SourceRange;
}

/** `interface Name { properties }` */
export interface InterfaceDeclNode {
  readonly kind: 'interface';
  readonly name: NameNode;
  readonly properties: readonly PropertyNode[];
  readonly range: SourceRange;
}

/** `node Name @ann… implements I, J { … }` */
export interface NodeDeclNode {
  readonly kind: 'node';
  readonly name: NameNode;
  readonly annotations: readonly AnnotationNode[];
  readonly implements: readonly NameNode[];
  readonly properties: readonly PropertyNode[];
  readonly constraints: readonly BodyConstraintNode[];
  readonly range: SourceRange;
}

/** `@card(min..max)` on an edge; `max` null = unbounded. Digits kept as written. */
export interface CardNode {
  readonly min: string;
  readonly max: string | null;
  readonly range: SourceRange;
}

/** `edge Name: From -> To @card(..) @ann… { … }` (body optional). */
export interface EdgeDeclNode {
  readonly kind: 'edge';
  readonly name: NameNode;
  readonly from: NameNode;
  readonly to: NameNode;
  readonly card: CardNode | null;
  readonly annotations: readonly AnnotationNode[];
  readonly properties: readonly PropertyNode[];
  readonly constraints: readonly BodyConstraintNode[];
  readonly hasBody: boolean;
  readonly range: SourceRange;
}

/** Any top-level declaration. */
export type DeclarationNode = InterfaceDeclNode | NodeDeclNode | EdgeDeclNode;

/** A whole `.pg` file. */
export interface SchemaAst {
  readonly declarations: readonly DeclarationNode[];
  readonly range: SourceRange;
}
