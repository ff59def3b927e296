// Public face of the compiler: schema parsing and catalogs, migrations, load validation, key derivation, lint.

export { parseSchema, type ParseSchemaResult } from './schema/parse-schema.js';
export type * from './schema/ast.js';
export { tokenize, scanToken } from './schema/lexer.js';
export type { Token, Punct } from './schema/token.js';

export { compileSchema, type CompileSchemaOptions, type CompileSchemaResult } from './catalog/compile-schema.js';
export type { IdentitySource, IdentityType } from './catalog/identity.js';
export type * from './catalog/types.js';
export { CATALOG_FORMAT_VERSION } from './catalog/types.js';
export { catalogFromJSON, catalogToJSON } from './catalog/serialize.js';
export { findEdgeType, findInterface, findNodeType, findProperty } from './catalog/lookup.js';
export { formatPropertyType, isNumericType, isStringScalar, samePropertyType, MAX_VECTOR_DIMENSION } from './catalog/property-type.js';
export { buildTableLayout, COLUMN_METADATA, indexIntents, indexKindFor, logicalColumnType, propertyColumnName, tablePath, type IndexIntent, type IndexKind } from './catalog/layout.js';
export { compileCheckPattern, type CheckPatternResult } from './catalog/check-pattern.js';
export { RESERVED_PROPERTY_NAMES } from './catalog/declarations.js';

export { canonicalNodeId, isCanonicalNodeIdText, renderKeyValue } from './values/canonical-id.js';
export { formatFloat } from './values/float-format.js';
export { formatIsoDate, parseIsoDate, parseIsoDateTime } from './values/temporal.js';
export type { BlobValue, LogicalValue, RowValues, ScalarValue } from './values/logical-value.js';

export { migrationError, planMigration, planSchemaChange, type PlanMigrationOptions, type SchemaChange } from './migrate/plan.js';
export { renderPlanStep, type AddedConstraint, type DropMode, type MigrationPlan, type PlanStep, type PlanStepKind, type TypeKind } from './migrate/steps.js';
export { MIGRATION_CODES, migrationFindings, type LintTier, type MigrationCode, type MigrationCodeInfo, type MigrationFinding } from './migrate/lint-codes.js';

export { validateLoadLine, MAX_LINE_BYTES, RESERVED_DATA_FIELDS, type LoadEdgeRecord, type LoadLineResult, type LoadNodeRecord, type LoadRecord } from './load/load-line.js';
export { createLoadValidator, validateLoadFile, type LoadFileResult, type LoadValidator, type ValidateLoadFileOptions } from './load/load-file.js';
export { checkRowConstraints, type RowViolation } from './load/row-constraints.js';
export { parseStrictJson, type JsonValue } from './load/strict-json.js';
export { convertValue, MAX_BLOB_BYTES, type Converted } from './load/convert-value.js';

export { lintSchema, renderLintText, findingOf, type LintFinding, type LintOutput, type LintQueryResult } from './lint/schema-lint.js';

export { LOAD_DIAGNOSTICS, SCHEMA_DIAGNOSTICS, diagnosticInfo, type DiagnosticInfo, type LoadDiagnosticCode, type SchemaDiagnosticCode, type Severity } from './diagnostics/codes.js';
export { hasErrors, LineIndex, loadError, schemaError, type Diagnostic, type LoadDiagnostic, type SourceRange } from './diagnostics/diagnostic.js';

export { compileQueries, compileQuery, type CompiledQueryFile, type QueryResult } from './query/compile-query.js';
export { parseQueryFile, type ParseResult as QueryParseResult } from './query/parser.js';
export { QUERY_DIAGNOSTICS, T_CODES, diagnosticToError, type QueryCode, type QueryDiagnostic, type TCode } from './query/diagnostic.js';
export { IR_KINDS, type ExprNode, type IrKind, type IrNode, type IrNodeOf, type MutationNode, type PlanNode, type QueryNode } from './ir/node.js';
export { children, visit, walk, type IrVisitor } from './ir/visitor.js';
export { renderIr, renderIrJson } from './ir/render.js';
export { renderType, type ValueType as QueryValueType } from './ir/value-type.js';
export { lintQueries, renderLintHuman, NO_PARAMS_WARNING, QUERY_LINT_CODES, type QueryLintFinding, type QueryLintOutput, type QueryLintResult, type SchemaSource } from './lint/query-lint.js';
