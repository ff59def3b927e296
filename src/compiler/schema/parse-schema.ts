// The schema parser's entry point: `.pg` text to a syntax tree, or one precise diagnostic (never a thrown error).
import { LineIndex, schemaDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { deepFreeze } from '../shared/deep-freeze.js';
import type { DeclarationNode, SchemaAst } from './ast.js';
import { ParseCursor, ParseFailure } from './parse-cursor.js';
import { parseEdge, parseInterface, parseNode } from './parse-decl.js';

/** The parser's answer. `ast` is present iff `diagnostics` is empty; `steps`/`budget` expose the work bound. */
export interface ParseSchemaResult {
  readonly ast: SchemaAst | undefined;
  readonly diagnostics: readonly Diagnostic[];
  /** Tokens scanned; always at most `budget`, which is linear in the text length. */
  readonly steps: number;
  readonly budget: number;
}

/**
 * Parse `.pg` text. Parsing stops at the first syntax error (PEG semantics), reported with a stable S1xx code and
 * a line/column span. Semantic rules (types, annotations, catalog) are checked by `compileSchema`.
 * @example
 * const { ast, diagnostics } = parseSchema('node Person { name: String @key }');
 * ast?.declarations[0]?.kind; // 'node'
 */
export function parseSchema(text: string): ParseSchemaResult {
  const r = parseSchemaTree(text);
  return r.ast === undefined ? r : Object.freeze({ ...r, ast: deepFreeze(r.ast) });
}

/** `parseSchema` without freezing the tree, for callers that only read it and never hand it out. */
export function parseSchemaTree(text: string): ParseSchemaResult {
  const c = new ParseCursor(text);
  const declarations: DeclarationNode[] = [];
  try {
    for (;;) {
      const t = c.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'word' && t.text === 'node') declarations.push(parseNode(c));
      else if (t.kind === 'word' && t.text === 'edge') declarations.push(parseEdge(c));
      else if (t.kind === 'word' && t.text === 'interface') declarations.push(parseInterface(c));
      else if (t.kind === 'word' && t.text === 'enum') c.fail('S105', "top-level enum declarations do not exist; write enum(a, b) as a property type", t);
      else c.failExpected("'node', 'edge' or 'interface'", t);
    }
  } catch (err) {
    if (!(err instanceof ParseFailure)) throw err;
    const span = new LineIndex(text).span(err.range);
    return Object.freeze({ ast: undefined, diagnostics: Object.freeze([schemaDiagnostic(err.code, err.reason, span)]), steps: c.steps, budget: c.budget });
  }
  const ast: SchemaAst = { declarations, range: { start: 0, end: text.length } };
  return Object.freeze({ ast, diagnostics: Object.freeze([]), steps: c.steps, budget: c.budget });
}
