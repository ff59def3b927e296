// Export: the rows of pinned tables as load-envelope JSONL lines (spec cli.md §6.8), re-loadable by `load`.
import type { Catalog, EdgeType, NodeType, PropertyType } from '../../compiler/index.js';
import { formatIsoDate } from '../../compiler/index.js';
import { OmniError } from '../../errors/index.js';
import { columnValues, type CellValue, type TableScanner } from '../../graphindex/index.js';

function encode(t: PropertyType, v: CellValue): unknown {
  if (v === null || v === undefined) return null;
  switch (t.kind) {
    case 'list':
      return (v as readonly CellValue[]).map((x) => encode({ kind: 'scalar', scalar: t.element as never, nullable: false }, x));
    case 'vector':
      return [...(v as readonly number[])];
    case 'enum':
      return v;
    case 'scalar':
      switch (t.scalar) {
        case 'Date':
          return formatIsoDate(Number(v));
        case 'DateTime':
          return new Date(Number(v)).toISOString();
        case 'Blob':
          return `base64:${Buffer.from(v as Uint8Array).toString('base64')}`;
        case 'F32':
        case 'F64':
          return Number.isFinite(v as number) ? v : null;
        default:
          if (typeof v === 'bigint') return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
          return v;
      }
  }
}

/**
 * Write every row of one type's pinned table as a JSONL line through `write`: nodes as `{"type","data":{"id",…}}`,
 * edges as `{"edge","from","to","data":{"id",…}}`; null properties are left out. One scan per table (the output
 * is streamed line by line; a table is read whole). Returns the number of rows.
 */
export async function exportType(type: NodeType | EdgeType, table: TableScanner, write: (line: string) => void | Promise<void>): Promise<number> {
  const cols = type.table.columns;
  const page = await table.scan({ columns: cols.map((c) => c.name) });
  const values = cols.map((c) => columnValues(page, c.name, c.type));
  const ids = values[0] as string[];
  for (let i = 0; i < page.numRows; i++) {
    const data: Record<string, unknown> = { id: ids[i] };
    cols.forEach((c, k) => {
      if (c.property === null) return;
      const v = encode(type.properties[c.property]!.type, values[k]![i] as CellValue);
      if (v !== null) data[c.property] = v;
    });
    const line = type.kind === 'node' ? { type: type.name, data } : { edge: type.name, from: values[1]![i], to: values[2]![i], data };
    await write(JSON.stringify(line));
  }
  return page.numRows;
}

/** The types an export covers: all node types then all edge types, or the named ones (`bad_request` if unknown). */
export function exportTypes(catalog: Catalog, names: readonly string[]): (NodeType | EdgeType)[] {
  const all = [...Object.values(catalog.nodes), ...Object.values(catalog.edges)];
  if (names.length === 0) return all;
  return names.map((n) => {
    const t = all.find((x) => x.name === n);
    if (t === undefined) throw new OmniError('bad_request', `unknown type '${n}'`, { details: { type: n } });
    return t;
  });
}
