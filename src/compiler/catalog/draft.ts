// Intermediate shapes of catalog building: declarations after annotation checks, before identities are assigned.
import type { SourceRange } from '../diagnostics/diagnostic.js';
import type { BodyConstraintNode, CardNode, NameNode } from '../schema/ast.js';
import type { CustomAnnotation, PropertyType } from './types.js';

/** A `@rename_from` hint with where it was written. */
export interface RenameHint {
  readonly value: string;
  readonly range: SourceRange;
}

/** A property with its checked annotations; mutable while interfaces are injected. */
export interface PropertyDraft {
  readonly name: string;
  readonly nameRange: SourceRange;
  readonly typeRange: SourceRange;
  readonly type: PropertyType;
  /** Where the property-level `@key`/`@unique`/`@index` were written, or null. */
  key: SourceRange | null;
  unique: SourceRange | null;
  index: SourceRange | null;
  embed: { readonly source: string; readonly model: string | null; readonly range: SourceRange } | null;
  description: string | null;
  readonly renameFrom: RenameHint | null;
  annotations: CustomAnnotation[];
  readonly origin: 'declared' | 'injected';
  interfaces: string[];
}

/** Type-level metadata from annotations. */
export interface TypeMeta {
  readonly description: string | null;
  readonly instruction: string | null;
  readonly renameFrom: RenameHint | null;
  readonly annotations: readonly CustomAnnotation[];
}

/** One declaration after its own checks; `properties` is in declaration order, injected ones appended. */
export interface TypeDraft {
  readonly kind: 'interface' | 'node' | 'edge';
  readonly name: NameNode;
  readonly meta: TypeMeta;
  readonly properties: PropertyDraft[];
  readonly implements: readonly NameNode[];
  readonly constraints: readonly BodyConstraintNode[];
  readonly from: NameNode | null;
  readonly to: NameNode | null;
  readonly card: CardNode | null;
}
