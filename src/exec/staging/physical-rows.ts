// Logical rows (values by property name) to physical table rows and Arrow, and committed Arrow rows back to logical.
import type { EdgeType, LogicalValue, NodeType, RowValues } from '../../compiler/index.js';
import { RequestError } from '../../errors/index.js';
import { columnsToArrow, schemaFromColumns, type ArrowTable, type Schema } from '../../store/lance/index.js';

const MS_PER_DAY = 86_400_000;

/** One entity as staged: its physical id, endpoints for edges, and every property value. */
export interface StagedRow {
  readonly id: string;
  readonly src?: string;
  readonly dst?: string;
  readonly values: RowValues;
}

const schemas = new WeakMap<NodeType | EdgeType, Schema>();

/** The Arrow schema of a type's table (cached per catalog type object). */
export function tableSchema(type: NodeType | EdgeType): Schema {
  let s = schemas.get(type);
  if (s === undefined) {
    s = schemaFromColumns(type.table.columns);
    schemas.set(type, s);
  }
  return s;
}

/** The Arrow-builder cell of one logical value of `type.property` (Date → ms, managed Blob → bytes). */
export function toCell(type: NodeType | EdgeType, property: string, v: LogicalValue): unknown {
  if (v === null) return null;
  const p = type.properties[property]!;
  const t = p.type;
  if (t.kind === 'scalar') {
    if (t.scalar === 'Date') return (v as number) * MS_PER_DAY;
    if (t.scalar === 'Blob') {
      const b = v as { kind: string; base64?: string; uri?: string };
      if (b.kind !== 'managed') {
        throw new RequestError('bad_request', `external Blob references are not supported by this build (${type.name}.${property})`, { details: { type: type.name, property } });
      }
      return Buffer.from(b.base64!, 'base64');
    }
    return v;
  }
  if (t.kind === 'list' && t.element === 'Date') return (v as number[]).map((d) => d * MS_PER_DAY);
  return v;
}

/** The physical row (column name → Arrow-ready cell) of one staged entity. */
export function physicalRow(type: NodeType | EdgeType, row: StagedRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const c of type.table.columns) {
    if (c.property === null) out[c.name] = c.name === 'id' ? row.id : c.name === 'src' ? row.src : row.dst;
    else out[c.name] = toCell(type, c.property, row.values[c.property] ?? null);
  }
  return out;
}

/** Staged rows as one Arrow table with exactly the type's physical columns (built column by column). */
export function stagedToArrow(type: NodeType | EdgeType, rows: readonly StagedRow[]): ArrowTable {
  const columns: Record<string, unknown[]> = {};
  for (const c of type.table.columns) {
    const cells = new Array<unknown>(rows.length);
    if (c.property === null) {
      for (let i = 0; i < rows.length; i++) cells[i] = c.name === 'id' ? rows[i]!.id : c.name === 'src' ? rows[i]!.src : rows[i]!.dst;
    } else {
      const p = c.property;
      for (let i = 0; i < rows.length; i++) cells[i] = toCell(type, p, rows[i]!.values[p] ?? null);
    }
    columns[c.name] = cells;
  }
  return columnsToArrow(tableSchema(type), columns, rows.length);
}

function fromCell(type: NodeType | EdgeType, property: string, v: unknown): LogicalValue {
  if (v === null || v === undefined) return null;
  const t = type.properties[property]!.type;
  const ms = (x: unknown): number => (x instanceof Date ? x.getTime() : Number(x));
  if (t.kind === 'scalar') {
    switch (t.scalar) {
      case 'Date':
        return Math.floor(ms(v) / MS_PER_DAY);
      case 'DateTime':
        return ms(v);
      case 'Blob':
        return { kind: 'managed', base64: Buffer.from(v as Uint8Array).toString('base64'), size: (v as Uint8Array).length };
      case 'I64':
      case 'U64':
        return typeof v === 'bigint' ? v : BigInt(v as number);
      default:
        return v as LogicalValue;
    }
  }
  if (t.kind === 'enum') return String(v);
  const items = [...(v as Iterable<unknown>)];
  if (t.kind === 'list') {
    if (t.element === 'Date') return items.map((x) => Math.floor(ms(x) / MS_PER_DAY));
    if (t.element === 'DateTime') return items.map(ms);
    if (t.element === 'I64' || t.element === 'U64') return items.map((x) => (typeof x === 'bigint' ? x : BigInt(x as number)));
  }
  return items as LogicalValue;
}

/** Every row of an Arrow table scanned from a type's table, back as staged rows (logical values). */
export function arrowToStaged(type: NodeType | EdgeType, table: ArrowTable): StagedRow[] {
  const cols = type.table.columns.map((c) => ({ c, vec: table.getChild(c.name) }));
  const out: StagedRow[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const values: Record<string, LogicalValue> = {};
    let id = '';
    let src: string | undefined;
    let dst: string | undefined;
    for (const { c, vec } of cols) {
      const v = vec?.get(i) ?? null;
      if (c.property === null) {
        if (c.name === 'id') id = v as string;
        else if (c.name === 'src') src = v as string;
        else dst = v as string;
      } else values[c.property] = fromCell(type, c.property, v);
    }
    out.push({ id, ...(src === undefined ? {} : { src }), ...(dst === undefined ? {} : { dst }), values });
  }
  return out;
}

/** A staged row as a filter row: its properties plus `id`, and `from`/`to` for edges. */
export function filterRowOf(row: StagedRow): RowValues {
  return { ...row.values, id: row.id, ...(row.src === undefined ? {} : { from: row.src, to: row.dst ?? null }) };
}
