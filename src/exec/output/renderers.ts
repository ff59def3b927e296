// The five read renderers of cli.md §8: table, json, jsonl, csv, kv.
import { OmniError } from '../../errors/index.js';
import type { ReadOutput } from './read-output.js';

/** A renderer name. */
export type ReadFormat = 'table' | 'json' | 'jsonl' | 'csv' | 'kv';

/** Every renderer name. */
export const READ_FORMATS: readonly ReadFormat[] = ['table', 'json', 'jsonl', 'csv', 'kv'];

/** Table renderer options (operator config `table_max_column_width`, `table_cell_layout`). */
export interface TableOptions {
  /** Column width cap (default 80, minimum 8). */
  readonly maxColumnWidth?: number;
  readonly cellLayout?: 'truncate' | 'wrap';
}

type Row = Record<string, unknown>;

/** Rows as objects (non-objects wrapped as `{"value": row}`) and the column order (declared, else first-seen). */
export function normalize(out: ReadOutput): { columns: string[]; rows: Row[] } {
  const rows = out.rows.map((r): Row => (r !== null && typeof r === 'object' && !Array.isArray(r) ? (r as Row) : { value: r }));
  if (out.columns !== undefined) return { columns: [...out.columns], rows };
  const seen = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) seen.add(k);
  return { columns: [...seen], rows };
}

/** A cell as text: strings verbatim, null empty, everything else as JSON. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function headerLine(out: ReadOutput): string {
  const where = out.target.snapshot !== null ? `snapshot ${out.target.snapshot}` : `branch ${out.target.branch ?? 'main'}`;
  return `${out.row_count} rows from ${where} via ${out.query_name}`;
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function fit(text: string, width: number, layout: 'truncate' | 'wrap'): string[] {
  const flat = text.replace(/\r?\n/g, ' ');
  if ([...flat].length <= width) return [flat];
  const chars = [...flat];
  if (layout === 'truncate') return [`${chars.slice(0, width - 1).join('')}…`];
  const lines: string[] = [];
  for (let i = 0; i < chars.length; i += width) lines.push(chars.slice(i, i + width).join(''));
  return lines;
}

function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - [...s].length));
}

function renderTable(out: ReadOutput, options: TableOptions): string {
  const { columns, rows } = normalize(out);
  const max = Math.max(8, options.maxColumnWidth ?? 80);
  const layout = options.cellLayout ?? 'truncate';
  const cells = rows.map((r) => columns.map((c) => fit(cellText(r[c]), max, layout)));
  const widths = columns.map((c, i) => Math.min(max, Math.max([...c].length, ...cells.map((r) => Math.max(...r[i]!.map((l) => [...l].length))))));
  const lines = [headerLine(out)];
  if (columns.length > 0) {
    lines.push(columns.map((c, i) => pad(fit(c, max, 'truncate')[0]!, widths[i]!)).join(' | ').trimEnd());
    lines.push(widths.map((w) => '-'.repeat(w)).join('-+-'));
    for (const r of cells) {
      const height = Math.max(1, ...r.map((c) => c.length));
      for (let h = 0; h < height; h++) lines.push(r.map((c, i) => pad(c[h] ?? '', widths[i]!)).join(' | ').trimEnd());
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Render a ReadOutput in one of the formats. `bad_request` for an unknown format name.
 * @example
 * process.stdout.write(renderRead(out, 'csv'));
 */
export function renderRead(out: ReadOutput, format: string, options: TableOptions = {}): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(out, null, 2)}\n`;
    case 'jsonl': {
      const meta = JSON.stringify({ kind: 'metadata', query_name: out.query_name, target: out.target, row_count: out.row_count });
      return [meta, ...normalize(out).rows.map((r) => JSON.stringify(r))].join('\n') + '\n';
    }
    case 'csv': {
      const { columns, rows } = normalize(out);
      const lines = [columns.map(csvField).join(','), ...rows.map((r) => columns.map((c) => csvField(cellText(r[c]))).join(','))];
      return `${lines.join('\n')}\n`;
    }
    case 'kv': {
      const { columns, rows } = normalize(out);
      if (rows.length === 0) return `${headerLine(out)}\n(no rows)\n`;
      const blocks = rows.map((r, i) => [`row ${i + 1}`, ...columns.map((c) => `${c}: ${cellText(r[c])}`)].join('\n'));
      return `${headerLine(out)}\n\n${blocks.join('\n\n')}\n`;
    }
    case 'table':
      return renderTable(out, options);
    default:
      throw new OmniError('usage', `unknown output format '${format}'; use one of ${READ_FORMATS.join(', ')}`, { details: { format } });
  }
}
