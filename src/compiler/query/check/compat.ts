// Type compatibility rules: which operand types a comparison accepts (§4.3) and which parameter types fit a property.
import { isBlob, isInteger, isNumeric, isStringLike, type ValueType } from '../../ir/value-type.js';

/** True for values a filter may compare: scalars and enums except Blob. */
export function isComparableScalar(t: ValueType): boolean {
  return (t.kind === 'scalar' && !isBlob(t)) || t.kind === 'enum';
}

/**
 * Whether `= != < <= > >=` may compare `a` with `b`: identical scalar kinds, any two numbers, String with enums;
 * Date only with Date, DateTime only with DateTime; never lists, vectors, node references or Blob.
 */
export function comparable(a: ValueType, b: ValueType): boolean {
  if (!isComparableScalar(a) || !isComparableScalar(b)) return false;
  if (isNumeric(a) && isNumeric(b)) return true;
  if (isStringLike(a) && isStringLike(b)) return true;
  return a.kind === 'scalar' && b.kind === 'scalar' && a.scalar === b.scalar;
}

/** True when a scalar value of type `from` cannot be stored in (or matched against) a property of scalar type `to`. */
function scalarMismatch(from: ValueType, to: ValueType): boolean {
  if (to.kind === 'enum') return !isStringLike(from);
  if (to.kind !== 'scalar') return true;
  if (to.scalar === 'Blob') return !(from.kind === 'scalar' && (from.scalar === 'String' || from.scalar === 'Blob'));
  if (isInteger(to)) return !isInteger(from);
  if (isNumeric(to)) return !isNumeric(from);
  if (to.scalar === 'String') return !isStringLike(from);
  return !(from.kind === 'scalar' && from.scalar === to.scalar);
}

/**
 * Whether a parameter of type `param` may be assigned to a property of type `prop` (nullability aside): same
 * kind, any integer into an integer (range-checked at run time), any number into a float, String into enum or
 * Blob, lists element-wise, `Vector(N)` or a numeric list into `Vector(N)`.
 */
export function assignable(param: ValueType, prop: ValueType): boolean {
  switch (prop.kind) {
    case 'list':
      return param.kind === 'list' && !scalarMismatch(param.element, prop.element);
    case 'vector':
      return (param.kind === 'vector' && param.dim === prop.dim) || (param.kind === 'list' && isNumeric(param.element));
    case 'node':
      return false;
    default:
      return param.kind !== 'list' && param.kind !== 'vector' && param.kind !== 'node' && !scalarMismatch(param, prop);
  }
}
