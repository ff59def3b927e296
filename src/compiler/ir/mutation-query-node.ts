// IR root node `mutation-query`: a checked mutation query.
import type { IrNode, MutationNode } from './node.js';
import type { MutationEffect, ParamDecl } from './shared.js';

/** A checked mutation query: statements applied in order, atomically. */
export interface MutationQueryNode {
  readonly kind: 'mutation-query';
  /** Query name. */
  readonly name: string;
  /** Declared parameters in declaration order. */
  readonly params: readonly ParamDecl[];
  /** `@description` text. */
  readonly description: string | null;
  /** `@instruction` text. */
  readonly instruction: string | null;
  /** The statements in source order (later ones see earlier ones). */
  readonly statements: readonly MutationNode[];
  /** `mixed` queries type-check but the executor must refuse them before any I/O (spec §8.2). */
  readonly effect: MutationEffect;
}

/** Companion of {@link MutationQueryNode}: type guard and frozen constructor. */
export const MutationQueryNode = Object.freeze({
  /** True when `node` is a `mutation-query` node. */
  is(node: IrNode): node is MutationQueryNode {
    return node.kind === 'mutation-query';
  },
  /** Build a frozen `mutation-query` node (arrays copied and frozen). */
  create(props: Omit<MutationQueryNode, 'kind'>): MutationQueryNode {
    return Object.freeze({
      kind: 'mutation-query',
      name: props.name,
      params: Object.freeze(props.params.map((r) => Object.freeze({ ...r }))),
      description: props.description,
      instruction: props.instruction,
      statements: Object.freeze([...props.statements]),
      effect: props.effect,
    });
  },
});
