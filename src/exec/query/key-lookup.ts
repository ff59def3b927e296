// Point lookups: an equality on the single `@key` property of a node type resolves to a dense id through the id map.
import { canonicalNodeId } from '../../compiler/index.js';
import type { ScanNode } from '../../compiler/ir/scan-node.js';
import type { ExecContext } from './context.js';
import { getter } from './evaluate.js';

/**
 * The dense id a scan is pinned to by `key = constant`, -1 when no node has that key, or null when the scan has
 * no such predicate (then it reads every row). The remaining predicates still run on the found row.
 */
export function keyLookup(ctx: ExecContext, scan: ScanNode): number | null {
  const type = ctx.catalog.nodes[scan.typeName];
  if (type === undefined || type.key === null || type.key.properties.length !== 1) return null;
  const keyProp = type.key.properties[0] as string;
  const prop = type.properties[keyProp];
  if (prop === undefined || prop.type.kind !== 'scalar' || prop.type.scalar !== 'String') return null;
  for (const p of scan.predicates) {
    if (p.op !== '=') continue;
    const [prop, other] = p.left.kind === 'property' ? [p.left, p.right] : [p.right, p.left];
    if (prop.kind !== 'property' || prop.variable !== scan.variable || prop.property !== keyProp) continue;
    if (other.kind !== 'literal' && other.kind !== 'param') continue;
    const v = getter(ctx, other)([]);
    if (typeof v !== 'string') return -1;
    const id = canonicalNodeId(type, { [keyProp]: v });
    return id === null ? null : ctx.nodes(scan.typeName).denseId(id);
  }
  return null;
}
