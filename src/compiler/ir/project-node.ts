// IR plan node `project`: compute the output columns.
import type { IrNode, PlanNode } from './node.js';
import type { OutputColumn } from './shared.js';

/** Compute the output columns of each row. */
export interface ProjectNode {
  readonly kind: 'project';
  /** Input rows. */
  readonly input: PlanNode;
  /** Output columns in projection order (runtime names, spec §5). */
  readonly columns: readonly OutputColumn[];
}

/** Companion of {@link ProjectNode}: type guard and frozen constructor. */
export const ProjectNode = Object.freeze({
  /** True when `node` is a `project` node. */
  is(node: IrNode): node is ProjectNode {
    return node.kind === 'project';
  },
  /** Build a frozen `project` node (arrays copied and frozen). */
  create(props: Omit<ProjectNode, 'kind'>): ProjectNode {
    return Object.freeze({
      kind: 'project',
      input: props.input,
      columns: Object.freeze(props.columns.map((r) => Object.freeze({ ...r }))),
    });
  },
  /** The same node over a different input. */
  cloneWithInput(node: ProjectNode, input: PlanNode): ProjectNode {
    return Object.freeze({ ...node, input });
  },
});
