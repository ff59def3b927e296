// Per-row constraint checks shared by loads and mutations: enum membership, `@range` and `@check` (§5.5, 5.6, 5.9).
import { compileCheckPattern } from '../catalog/check-pattern.js';
import type { EdgeType, NodeType } from '../catalog/types.js';
import type { LogicalValue, RowValues } from '../values/logical-value.js';

/** One violated row constraint. */
export interface RowViolation {
  readonly kind: 'enum' | 'range' | 'check';
  readonly property: string;
  readonly message: string;
}

function show(v: LogicalValue): string {
  return typeof v === 'bigint' || typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/**
 * Check enum membership (scalar and list enums), `@range` (each non-null value compared as f64, NaN fails) and
 * `@check` (unanchored regex search on non-null String values) for one row. Absent or null values pass.
 * @example
 * checkRowConstraints(person, { name: 'Zed', age: 200 });
 * // [{ kind: 'range', property: 'age', message: '@range violation on Person.age: value 200 > max 150' }]
 */
export function checkRowConstraints(type: NodeType | EdgeType, values: RowValues): readonly RowViolation[] {
  const out: RowViolation[] = [];
  const get = (p: string): LogicalValue => (Object.hasOwn(values, p) ? (values[p] ?? null) : null);
  for (const p of Object.values(type.properties)) {
    if (p.type.kind !== 'enum') continue;
    const v = get(p.name);
    const allowed = p.type.values;
    for (const item of Array.isArray(v) ? v : v === null ? [] : [v]) {
      if (typeof item === 'string' && !allowed.includes(item)) {
        out.push({ kind: 'enum', property: p.name, message: `invalid enum value '${item}' for ${type.name}.${p.name} (expected: ${allowed.join(', ')})` });
      }
    }
  }
  if (type.kind === 'node') {
    for (const r of type.ranges) {
      const v = get(r.property);
      if (v === null || (typeof v !== 'number' && typeof v !== 'bigint')) continue;
      const x = Number(v);
      const where = `@range violation on ${type.name}.${r.property}`;
      if (Number.isNaN(x)) out.push({ kind: 'range', property: r.property, message: `${where}: value is NaN` });
      else if (r.min !== null && x < r.min) out.push({ kind: 'range', property: r.property, message: `${where}: value ${show(v)} < min ${r.min}` });
      else if (r.max !== null && x > r.max) out.push({ kind: 'range', property: r.property, message: `${where}: value ${show(v)} > max ${r.max}` });
    }
    for (const c of type.checks) {
      const v = get(c.property);
      if (typeof v !== 'string') continue;
      const compiled = compileCheckPattern(c.pattern);
      if (!compiled.ok) {
        out.push({ kind: 'check', property: c.property, message: `@check on ${type.name}.${c.property} has invalid regex '${c.pattern}': ${compiled.reason}` });
      } else if (!compiled.regex.test(v)) {
        out.push({ kind: 'check', property: c.property, message: `@check violation on ${type.name}.${c.property}: value '${v}' does not match pattern '${c.pattern}'` });
      }
    }
  }
  return Object.freeze(out);
}
