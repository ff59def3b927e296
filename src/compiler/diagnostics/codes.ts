// The stable diagnostic codes of the schema compiler (S…) and the JSONL load validator (J…), one table each.
import type { ErrorCode } from '../../errors/index.js';

/** How bad a diagnostic is: errors reject the input, warnings and infos do not. */
export type Severity = 'error' | 'warning' | 'info';

/** What the compiler knows about one diagnostic code. */
export interface DiagnosticInfo {
  /** The OmniError code raised when this diagnostic rejects an input. */
  readonly category: ErrorCode;
  readonly severity: Severity;
  /** One line for docs: what the code means. */
  readonly summary: string;
}

/**
 * Every schema diagnostic code. S1xx lexical and syntax, S2xx property types, S3xx annotations, S4xx constraints,
 * S5xx catalog rules, S6xx rename hints against the accepted schema. Never reuse or renumber a code.
 */
export const SCHEMA_DIAGNOSTICS = {
  S101: { category: 'parse_error', severity: 'error', summary: 'Unexpected character (note: `#` is not a comment; use `//`).' },
  S102: { category: 'parse_error', severity: 'error', summary: 'Unterminated string literal.' },
  S103: { category: 'parse_error', severity: 'error', summary: 'Unsupported escape sequence in a string (only \\" \\\\ \\n \\r \\t).' },
  S104: { category: 'parse_error', severity: 'error', summary: 'Unterminated block comment.' },
  S105: { category: 'parse_error', severity: 'error', summary: 'Syntax error: the text does not match the grammar at this point.' },
  S106: { category: 'parse_error', severity: 'error', summary: 'Unknown property type (or a type that cannot appear here, like a list of vectors).' },
  S107: { category: 'parse_error', severity: 'error', summary: 'Malformed body constraint arguments (e.g. `@range` without a property and bounds).' },
  S108: { category: 'parse_error', severity: 'error', summary: '`@card(..)` outside its place: only on edges, directly after the endpoints.' },
  S109: { category: 'parse_error', severity: 'error', summary: 'Internal: the parser exceeded its work budget (a bug; please report it).' },
  S201: { category: 'schema_invalid', severity: 'error', summary: '`Vector(0)`: a vector dimension must be greater than zero.' },
  S202: { category: 'schema_invalid', severity: 'error', summary: 'Vector dimension exceeds the maximum supported (2,147,483,647).' },
  S203: { category: 'schema_invalid', severity: 'error', summary: 'A list of Blob is not supported.' },
  S204: { category: 'schema_invalid', severity: 'error', summary: 'An enum lists the same value twice.' },
  S301: { category: 'schema_invalid', severity: 'error', summary: 'The annotation is not allowed on this target (see the placement matrix).' },
  S302: { category: 'schema_invalid', severity: 'error', summary: 'The annotation appears more than once on one target.' },
  S303: { category: 'schema_invalid', severity: 'error', summary: 'Invalid annotation arguments (e.g. `@description` needs one non-empty string).' },
  S304: { category: 'schema_invalid', severity: 'error', summary: '`@embed` has an unknown keyword argument (only `model` is supported).' },
  S305: { category: 'schema_invalid', severity: 'error', summary: 'The constraint does not support the property\'s type (e.g. `@key` on a list, `@range` on a String).' },
  S401: { category: 'schema_invalid', severity: 'error', summary: 'A node type has more than one `@key` (property and body forms count together).' },
  S402: { category: 'schema_invalid', severity: 'error', summary: 'A `@key` member is nullable.' },
  S403: { category: 'schema_invalid', severity: 'error', summary: 'A constraint names a property the type does not have.' },
  S404: { category: 'schema_invalid', severity: 'error', summary: 'A constraint lists the same property twice.' },
  S405: { category: 'schema_invalid', severity: 'error', summary: '`@range` bounds are out of order or not representable.' },
  S406: { category: 'schema_invalid', severity: 'error', summary: '`@check` pattern is not a valid regular expression of the supported syntax.' },
  S407: { category: 'schema_invalid', severity: 'error', summary: '`@card` bounds are out of order or too large.' },
  S408: { category: 'schema_invalid', severity: 'error', summary: '`@embed` source must be a non-list String property of the same type.' },
  S501: { category: 'schema_invalid', severity: 'error', summary: 'Two declarations of one kind share a name.' },
  S502: { category: 'schema_invalid', severity: 'error', summary: 'An edge endpoint is not a declared node type.' },
  S503: { category: 'schema_invalid', severity: 'error', summary: 'Two edge names differ only by case.' },
  S504: { category: 'schema_invalid', severity: 'error', summary: 'A type declares the same property name twice.' },
  S505: { category: 'schema_invalid', severity: 'error', summary: 'The property name is reserved by the storage layer (`id`, `src`, `dst`, `_rowid`, …).' },
  S506: { category: 'schema_invalid', severity: 'error', summary: 'A node implements an undeclared interface.' },
  S507: { category: 'schema_invalid', severity: 'error', summary: 'A node redeclares an interface property with a different type.' },
  S508: { category: 'schema_invalid', severity: 'error', summary: 'Two implemented interfaces disagree on a shared property.' },
  S509: { category: 'schema_invalid', severity: 'error', summary: 'A node lists the same interface twice in `implements`.' },
  S601: { category: 'schema_invalid', severity: 'warning', summary: '`@rename_from` ignored: the declaration already matches an accepted one by name.' },
  S602: { category: 'schema_invalid', severity: 'error', summary: '`@rename_from` names no accepted declaration of that kind.' },
  S603: { category: 'schema_invalid', severity: 'error', summary: '`@rename_from` crosses kinds (a node cannot take an edge\'s identity or the reverse).' },
  S604: { category: 'schema_invalid', severity: 'error', summary: 'A property `@rename_from` reaches outside its own accepted owner type.' },
  S605: { category: 'schema_invalid', severity: 'error', summary: 'Two declarations claim the same accepted identity.' },
} as const satisfies Record<string, DiagnosticInfo>;

/** A schema diagnostic code. */
export type SchemaDiagnosticCode = keyof typeof SCHEMA_DIAGNOSTICS;

/** Every JSONL load-validation code (all errors; category `load_invalid`). Never reuse or renumber a code. */
export const LOAD_DIAGNOSTICS = {
  J101: { category: 'load_invalid', severity: 'error', summary: 'The line is not valid JSON (or nests deeper than a load line can).' },
  J102: { category: 'load_invalid', severity: 'error', summary: 'A JSON object repeats a member name.' },
  J103: { category: 'load_invalid', severity: 'error', summary: 'The line exceeds 32 MiB.' },
  J104: { category: 'load_invalid', severity: 'error', summary: 'Malformed envelope: not an object, not exactly one of `type`/`edge`, an unknown or mistyped member.' },
  J105: { category: 'load_invalid', severity: 'error', summary: 'The node or edge type is not in the schema.' },
  J106: { category: 'load_invalid', severity: 'error', summary: '`data` names a field the type does not declare.' },
  J107: { category: 'load_invalid', severity: 'error', summary: '`data` names reserved physical state (`_tombstone`, `_rowid`, …, or `src`/`dst` on an edge).' },
  J108: { category: 'load_invalid', severity: 'error', summary: 'A value has the wrong JSON type or encoding for its property.' },
  J109: { category: 'load_invalid', severity: 'error', summary: 'A value is outside its type\'s range (integer width, F32, date range, blob size).' },
  J110: { category: 'load_invalid', severity: 'error', summary: 'A required (non-nullable) property is missing or null.' },
  J111: { category: 'load_invalid', severity: 'error', summary: 'A value is not one of the enum\'s values.' },
  J112: { category: 'load_invalid', severity: 'error', summary: 'An explicit `data.id` differs from the canonical `@key` id.' },
  J113: { category: 'load_invalid', severity: 'error', summary: 'The same id appears twice for one type in one file.' },
  J114: { category: 'load_invalid', severity: 'error', summary: '`@range` violation.' },
  J115: { category: 'load_invalid', severity: 'error', summary: '`@check` violation.' },
  J116: { category: 'load_invalid', severity: 'error', summary: 'A vector has the wrong number of dimensions.' },
  J117: { category: 'load_invalid', severity: 'error', summary: 'An edge endpoint can never be a canonical id of the endpoint type.' },
} as const satisfies Record<string, DiagnosticInfo>;

/** A load diagnostic code. */
export type LoadDiagnosticCode = keyof typeof LOAD_DIAGNOSTICS;

/** Look up a schema or load code. */
export function diagnosticInfo(code: SchemaDiagnosticCode | LoadDiagnosticCode): DiagnosticInfo {
  return Object.hasOwn(SCHEMA_DIAGNOSTICS, code) ? SCHEMA_DIAGNOSTICS[code as SchemaDiagnosticCode] : LOAD_DIAGNOSTICS[code as LoadDiagnosticCode];
}
