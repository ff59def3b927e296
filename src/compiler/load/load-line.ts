// Validation of one strict JSONL load line (spec §9.1–9.3): envelope, fields, values, row constraints and ids.
import { findEdgeType, findNodeType } from '../catalog/lookup.js';
import type { Catalog, EdgeType, NodeType } from '../catalog/types.js';
import { loadDiagnostic, type LoadDiagnostic } from '../diagnostics/diagnostic.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import { canonicalNodeId, isCanonicalNodeIdText } from '../values/canonical-id.js';
import type { LogicalValue, RowValues } from '../values/logical-value.js';
import { convertValue } from './convert-value.js';
import { checkRowConstraints } from './row-constraints.js';
import { parseStrictJson, type JsonValue } from './strict-json.js';

/** Longest load line, in UTF-8 bytes. */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

/** Field names of `data` that name physical state, never properties. */
export const RESERVED_DATA_FIELDS: readonly string[] = Object.freeze(['_tombstone', '_rowid', '_rowaddr', '_rowoffset', '_row_created_at_version', '_row_last_updated_at_version']);

/** A validated node line. `id` is the canonical key id, the explicit `data.id`, or null (generate one). */
export interface LoadNodeRecord {
  readonly kind: 'node';
  readonly line: number;
  readonly typeName: string;
  readonly id: string | null;
  /** Every property of the type: converted values, null for absent nullable ones. */
  readonly values: RowValues;
}

/** A validated edge line; `typeName` is the declared spelling even when the line used another case. */
export interface LoadEdgeRecord {
  readonly kind: 'edge';
  readonly line: number;
  readonly typeName: string;
  readonly id: string | null;
  readonly from: string;
  readonly to: string;
  readonly values: RowValues;
}

/** One validated line. */
export type LoadRecord = LoadNodeRecord | LoadEdgeRecord;

/** The outcome for one line: a record (null for a blank line), or every problem found on it. */
export type LoadLineResult = { readonly ok: true; readonly record: LoadRecord | null } | { readonly ok: false; readonly diagnostics: readonly LoadDiagnostic[] };

function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/**
 * Validate one line of a strict load file. Pure: no store lookups, so referential integrity, `@unique` against
 * committed rows and `@card` are the loader's business; everything decidable from the line and the catalog is
 * checked here. `line` is the 1-based line number used in diagnostics.
 * @example
 * const r = validateLoadLine(catalog, '{"type":"Person","data":{"name":"Alice","age":30}}', 1);
 * r.ok && r.record?.id; // 'Alice'
 */
export function validateLoadLine(catalog: Catalog, text: string, line: number): LoadLineResult {
  const fail = (d: LoadDiagnostic[]): LoadLineResult => ({ ok: false, diagnostics: Object.freeze(d) });
  if (text.length * 3 > MAX_LINE_BYTES && utf8Length(text) > MAX_LINE_BYTES) return fail([loadDiagnostic('J103', `line exceeds ${MAX_LINE_BYTES} bytes`, line)]);
  if (text.trim() === '') return { ok: true, record: null };
  const parsed = parseStrictJson(text);
  if (!parsed.ok) {
    const { problem } = parsed;
    return fail([loadDiagnostic(problem.duplicate ? 'J102' : 'J101', problem.duplicate ? `duplicate JSON ${problem.message}` : `invalid JSON: ${problem.message}`, line, { column: problem.offset + 1 })]);
  }
  const root = parsed.value;
  if (root.kind !== 'object') return fail([loadDiagnostic('J104', 'a load line must be a JSON object', line)]);
  const m = root.members;
  if (m.has('type') === m.has('edge')) return fail([loadDiagnostic('J104', "a load line must contain exactly one of 'type' or 'edge'", line)]);
  const allowed = m.has('type') ? ['type', 'data'] : ['edge', 'from', 'to', 'data'];
  const problems: LoadDiagnostic[] = [];
  for (const key of m.keys()) {
    if (!allowed.includes(key)) problems.push(loadDiagnostic('J104', `unknown top-level member '${key}' (allowed: ${allowed.join(', ')})`, line));
  }
  const data = m.get('data') ?? { kind: 'object', members: new Map<string, JsonValue>() };
  if (data.kind !== 'object') problems.push(loadDiagnostic('J104', "'data' must be an object", line));
  const name = m.get(m.has('type') ? 'type' : 'edge') as JsonValue;
  if (name.kind !== 'string') problems.push(loadDiagnostic('J104', `'${m.has('type') ? 'type' : 'edge'}' must be a string`, line));
  const endpoints: string[] = [];
  if (m.has('edge')) {
    for (const end of ['from', 'to'] as const) {
      const v = m.get(end);
      if (v?.kind === 'string') endpoints.push(v.value);
      else problems.push(loadDiagnostic('J104', `edge line needs '${end}' as a string node id`, line));
    }
  }
  if (problems.length > 0 || data.kind !== 'object' || name.kind !== 'string') return fail(problems);
  if (m.has('type')) {
    const node = findNodeType(catalog, name.value);
    if (node === undefined) return fail([loadDiagnostic('J105', `unknown node type '${name.value}'`, line)]);
    return nodeLine(node, data.members, line);
  }
  const edge = findEdgeType(catalog, name.value);
  if (edge === undefined) return fail([loadDiagnostic('J105', `unknown edge type '${name.value}'`, line)]);
  return edgeLine(catalog, edge, data.members, endpoints[0] as string, endpoints[1] as string, line);
}

/** Convert `data` against a type's properties; returns values, the explicit id and problems. */
function readData(type: NodeType | EdgeType, data: ReadonlyMap<string, JsonValue>, line: number): { values: Record<string, LogicalValue>; explicitId: string | null; problems: LoadDiagnostic[] } {
  const label = `${type.kind}:${type.name}`;
  const problems: LoadDiagnostic[] = [];
  let explicitId: string | null = null;
  for (const [field, v] of data) {
    if (field === 'id') {
      if (v.kind === 'string') explicitId = v.value;
      else problems.push(loadDiagnostic('J108', `'id' must be a string, got ${v.kind}`, line, { field }));
    } else if (RESERVED_DATA_FIELDS.includes(field) || (type.kind === 'edge' && (field === 'src' || field === 'dst'))) {
      problems.push(loadDiagnostic('J107', `field '${field}' for '${label}' is reserved physical state`, line, { field }));
    } else if (!Object.hasOwn(type.properties, field)) {
      problems.push(loadDiagnostic('J106', `unknown input field '${field}' for '${label}'`, line, { field }));
    }
  }
  const values: Record<string, LogicalValue> = {};
  for (const p of Object.values(type.properties)) {
    const v = data.get(p.name);
    if (v === undefined || v.kind === 'null') {
      if (!p.type.nullable) problems.push(loadDiagnostic('J110', `missing required property '${p.name}' for '${label}'`, line, { field: p.name }));
      values[p.name] = null;
      continue;
    }
    const c = convertValue(p.type, v, p.name);
    if (c.ok) values[p.name] = c.value;
    else problems.push(loadDiagnostic(c.code, c.message, line, { field: p.name }));
  }
  if (problems.length === 0) {
    for (const violation of checkRowConstraints(type, values)) {
      const code = violation.kind === 'enum' ? 'J111' : violation.kind === 'range' ? 'J114' : 'J115';
      problems.push(loadDiagnostic(code, violation.message, line, { field: violation.property }));
    }
  }
  return { values, explicitId, problems };
}

function nodeLine(node: NodeType, data: ReadonlyMap<string, JsonValue>, line: number): LoadLineResult {
  const { values, explicitId, problems } = readData(node, data, line);
  if (problems.length > 0) return { ok: false, diagnostics: Object.freeze(problems) };
  let id = explicitId;
  const canonical = canonicalNodeId(node, values);
  if (canonical !== null) {
    if (explicitId !== null && explicitId !== canonical) {
      return { ok: false, diagnostics: Object.freeze([loadDiagnostic('J112', `explicit id '${explicitId}' does not match its canonical @key id '${canonical}'`, line, { field: 'id' })]) };
    }
    id = canonical;
  }
  return { ok: true, record: deepFreeze({ kind: 'node', line, typeName: node.name, id, values }) };
}

function edgeLine(catalog: Catalog, edge: EdgeType, data: ReadonlyMap<string, JsonValue>, from: string, to: string, line: number): LoadLineResult {
  const { values, explicitId, problems } = readData(edge, data, line);
  for (const [end, text, typeName] of [
    ['from', from, edge.from],
    ['to', to, edge.to],
  ] as const) {
    const endpoint = findNodeType(catalog, typeName);
    if (endpoint !== undefined && !isCanonicalNodeIdText(endpoint, text)) {
      problems.push(loadDiagnostic('J117', `'${end}' ${JSON.stringify(text)} can never be an id of ${typeName} (not a canonical @key rendering)`, line, { field: end }));
    }
  }
  if (problems.length > 0) return { ok: false, diagnostics: Object.freeze(problems) };
  return { ok: true, record: deepFreeze({ kind: 'edge', line, typeName: edge.name, id: explicitId, from, to, values }) };
}
