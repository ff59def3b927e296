// Checking the parameter list (§3): type spellings, `Vector(N)` bounds, the reserved name, duplicates.
import { ParamNode } from '../../ir/param-node.js';
import type { ParamDecl } from '../../ir/shared.js';
import { listType, SCALAR_KINDS, scalarType, vectorType, type ScalarKind, type ValueType } from '../../ir/value-type.js';
import type { ParamAst } from '../ast.js';
import type { CheckContext, ParamInfo } from './context.js';

const MAX_DIM = 2_147_483_647n;
/** The parameter name `now()` travels under in the reference; users may not declare it. */
const RESERVED_NOW_PARAM = '__nanograph_now';

function isScalarKind(name: string): name is ScalarKind {
  return (SCALAR_KINDS as readonly string[]).includes(name);
}

function paramType(ctx: CheckContext, p: ParamAst): ValueType | null {
  const t = p.type;
  switch (t.kind) {
    case 'scalar':
      if (isScalarKind(t.name.text)) return scalarType(t.name.text, t.nullable);
      ctx.error('Q103', `unknown parameter type \`${t.name.text}\``, t.name.span);
      return null;
    case 'list':
      if (isScalarKind(t.element.text) && t.element.text !== 'Blob') return listType(scalarType(t.element.text), t.nullable);
      ctx.error('Q103', `unknown parameter type \`[${t.element.text}]\``, t.element.span);
      return null;
    case 'vector':
      if (t.dim >= 1n && t.dim <= MAX_DIM) return vectorType(Number(t.dim), t.nullable);
      ctx.error('Q103', `unknown parameter type \`Vector(${t.dim})\`: the dimension must be between 1 and ${MAX_DIM}`, t.span);
      return null;
  }
}

/**
 * Check the declared parameters, filling `into` (name → parameter) and returning them in declaration order.
 * Erroneous parameters are reported and left out.
 */
export function checkParams(ctx: CheckContext, params: readonly ParamAst[], into: Map<string, ParamInfo>): ParamDecl[] {
  const out: ParamDecl[] = [];
  for (const p of params) {
    const name = p.name.text;
    if (name === RESERVED_NOW_PARAM) {
      ctx.error('Q104', `\`$${RESERVED_NOW_PARAM}\` is reserved for now()`, p.name.span);
      ctx.poisonedParams.add(name);
      continue;
    }
    if (into.has(name)) {
      ctx.error('Q107', `parameter \`$${name}\` is declared twice`, p.name.span);
      continue;
    }
    const type = paramType(ctx, p);
    if (type === null) {
      ctx.poisonedParams.add(name);
      continue;
    }
    into.set(name, { node: ParamNode.create({ name, type }), span: p.span });
    out.push(Object.freeze({ name, type }));
  }
  return out;
}
