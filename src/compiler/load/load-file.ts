// Whole-file load validation: lines in order, plus the one cross-line rule — an id may appear once per type.
import type { Catalog } from '../catalog/types.js';
import { loadDiagnostic, type LoadDiagnostic } from '../diagnostics/diagnostic.js';
import { validateLoadLine, type LoadLineResult, type LoadRecord } from './load-line.js';

/** A streaming validator: feed lines in file order; it remembers ids to reject the same id twice (design §4.5). */
export interface LoadValidator {
  /** Validate the next line (`line` is its 1-based number). */
  line(text: string, line: number): LoadLineResult;
}

/**
 * A validator for one file. Ids are tracked per type (`node:Person`, `edge:Knows`); generated ids (null) are never
 * duplicates. Memory grows with the number of explicit and keyed ids.
 */
export function createLoadValidator(catalog: Catalog): LoadValidator {
  const seen = new Map<string, Map<string, number>>();
  return {
    line(text: string, line: number): LoadLineResult {
      const r = validateLoadLine(catalog, text, line);
      if (!r.ok || r.record === null || r.record.id === null) return r;
      const table = `${r.record.kind}:${r.record.typeName}`;
      let ids = seen.get(table);
      if (ids === undefined) {
        ids = new Map();
        seen.set(table, ids);
      }
      const first = ids.get(r.record.id);
      if (first !== undefined) {
        const d = loadDiagnostic('J113', `id '${r.record.id}' appears twice for ${table} (lines ${first} and ${line})`, line, { relatedLine: first });
        return { ok: false, diagnostics: Object.freeze([d]) };
      }
      ids.set(r.record.id, line);
      return r;
    },
  };
}

/** Options of `validateLoadFile`. */
export interface ValidateLoadFileOptions {
  /** Stop after this many diagnostics (default 100). */
  readonly maxDiagnostics?: number;
}

/** Every record of a file, or the reasons it must be rejected as a whole. */
export interface LoadFileResult {
  readonly records: readonly LoadRecord[];
  readonly diagnostics: readonly LoadDiagnostic[];
  /** True when validation stopped early at `maxDiagnostics`. */
  readonly truncated: boolean;
}

/**
 * Validate a whole strict JSONL text (LF or CRLF line ends; blank lines skipped). The file is loadable only if
 * `diagnostics` is empty; each diagnostic names its line.
 * @example
 * const { records, diagnostics } = validateLoadFile(catalog, text);
 * if (diagnostics.length > 0) throw loadError(diagnostics);
 */
export function validateLoadFile(catalog: Catalog, text: string, options: ValidateLoadFileOptions = {}): LoadFileResult {
  const limit = options.maxDiagnostics ?? 100;
  const validator = createLoadValidator(catalog);
  const records: LoadRecord[] = [];
  const diagnostics: LoadDiagnostic[] = [];
  let start = 0;
  let lineNo = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    lineNo++;
    const raw = text.slice(start, end);
    const r = validator.line(raw.endsWith('\r') ? raw.slice(0, -1) : raw, lineNo);
    if (r.ok) {
      if (r.record !== null) records.push(r.record);
    } else {
      for (const d of r.diagnostics) {
        diagnostics.push(d);
        if (diagnostics.length >= limit) return Object.freeze({ records: Object.freeze(records), diagnostics: Object.freeze(diagnostics), truncated: true });
      }
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  return Object.freeze({ records: Object.freeze(records), diagnostics: Object.freeze(diagnostics), truncated: false });
}
