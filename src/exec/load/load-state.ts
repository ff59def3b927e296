// A load in progress: each line validated (fast scanner, else the full validator), ids checked once, rows staged.
import { validateLoadLine, type Catalog, type EdgeType, type LoadDiagnostic, type LoadRecord, type NodeType } from '../../compiler/index.js';
import { loadDiagnostic } from '../../compiler/diagnostics/diagnostic.js';
import { SCAN_RECORD, SCAN_SLOW, scanLine } from '../../compiler/load/fast-line.js';
import { compileLinePlan, type LinePlan, type TypePlan } from '../../compiler/load/line-plan.js';
import { LineScratch } from '../../compiler/load/line-scratch.js';
import type { DeltaReader } from '../staging/type-delta.js';
import { hashBytes, type IdTable } from './id-table.js';
import { LoadTable } from './load-table.js';
import { UlidBytes } from './ulid-bytes.js';

const decoder = new TextDecoder();

/**
 * Everything a load has read so far. Feed lines in file order with {@link bytesLine} (UTF-8) or {@link textLine};
 * invalid lines add diagnostics (line validation, then J113 for an id seen twice in one type), and once any
 * diagnostic exists rows are no longer staged. `byKey` holds the touched types in first-touch order and is the
 * load's {@link DeltaReader} for the store checks.
 */
export class LoadState implements DeltaReader {
  readonly byKey = new Map<string, LoadTable>();
  readonly diagnostics: LoadDiagnostic[] = [];
  readonly #catalog: Catalog;
  readonly #plan: LinePlan;
  readonly #plans = new Map<NodeType | EdgeType, TypePlan>();
  readonly #tables = new Map<NodeType | EdgeType, LoadTable>();
  readonly #scratch: LineScratch;
  readonly #ulids = new UlidBytes();

  constructor(
    catalog: Catalog,
    readonly batchRows: number,
  ) {
    this.#catalog = catalog;
    this.#plan = compileLinePlan(catalog);
    for (const p of [...this.#plan.nodes, ...this.#plan.edges]) this.#plans.set(p.type, p);
    this.#scratch = new LineScratch(this.#plan.maxSlots);
  }

  /** The delta of a touched type. */
  get(kind: 'node' | 'edge', name: string): LoadTable | undefined {
    return this.byKey.get(`${kind}:${name}`);
  }

  /** Validate and stage line number `line`, the bytes `buf[start, end)` without its line terminator. */
  bytesLine(buf: Uint8Array, start: number, end: number, line: number): void {
    const r = scanLine(this.#plan, buf, start, end, this.#scratch);
    if (r === SCAN_RECORD) this.#scanned(buf, line);
    else if (r === SCAN_SLOW) this.textLine(decoder.decode(buf.subarray(start, end)), line);
  }

  /** Validate and stage line number `line` given as text. */
  textLine(text: string, line: number): void {
    const r = validateLoadLine(this.#catalog, text, line);
    if (!r.ok) this.diagnostics.push(...r.diagnostics);
    else if (r.record !== null) this.#record(r.record);
  }

  #table(type: NodeType | EdgeType): LoadTable {
    let t = this.#tables.get(type);
    if (t === undefined) {
      t = new LoadTable(type, this.#plans.get(type)!, this.batchRows, this.#ulids);
      this.#tables.set(type, t);
      this.byKey.set(`${type.kind}:${type.name}`, t);
    }
    return t;
  }

  #scanned(buf: Uint8Array, line: number): void {
    const out = this.#scratch;
    const t = this.#table(out.type!.type);
    if (out.keyStart >= 0) {
      const h = hashBytes(buf, out.keyStart, out.keyEnd);
      const k = t.ids.find(buf, out.keyStart, out.keyEnd, h);
      if (k >= 0) return this.#duplicate(t, t.ids.key(k), t.ids.origin(k), line);
      t.ids.add(buf, out.keyStart, out.keyEnd, h, line);
    }
    if (this.diagnostics.length > 0) return;
    t.appendScanned(out, buf, line);
  }

  #record(rec: LoadRecord): void {
    const type = rec.kind === 'node' ? this.#catalog.nodes[rec.typeName]! : this.#catalog.edges[rec.typeName]!;
    const t = this.#table(type);
    if (rec.id !== null) {
      const k = t.ids.findText(rec.id);
      if (k >= 0) return this.#duplicate(t, rec.id, t.ids.origin(k), rec.line);
      t.ids.addText(rec.id, rec.line);
    }
    if (this.diagnostics.length > 0) return;
    t.appendRecord(rec);
  }

  /**
   * End of input: close every table's last batch and sort edge endpoints into nodes this load writes or pending ones
   * for the store checks (done once here, in bulk, rather than per line).
   */
  finish(): void {
    for (const t of this.byKey.values()) t.flush();
    for (const t of this.byKey.values()) {
      if (t.kind !== 'edge') continue;
      const e = t.type as EdgeType;
      const ids = (name: string): IdTable | null => this.#tables.get(this.#catalog.nodes[name]!)?.ids ?? null;
      t.resolveEndpoints(ids(e.from), ids(e.to));
    }
  }

  #duplicate(t: LoadTable, id: string, first: number, line: number): void {
    this.diagnostics.push(loadDiagnostic('J113', `id '${id}' appears twice for ${t.kind}:${t.type.name} (lines ${first} and ${line})`, line, { relatedLine: first }));
  }
}
