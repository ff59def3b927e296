// Public face of the filter semantics: lowering to Lance SQL and the TS evaluator that agrees with it.
export { andFilter, compareClass, constantValue, notFilter, type ColumnRef, type CompareClass, type FilterExpr, type FilterValues } from './filter-expr.js';
export { compareScalars, compareStrings, evaluateFilter, truthOf, type FilterRow, type Truth } from './evaluate.js';
export { lowerFilter, type LowerContext } from './lower.js';
export { predicateFilter, typeColumnResolver } from './mutation-predicate.js';
