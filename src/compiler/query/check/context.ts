// Checker state for one query: catalog, declared parameters, variable scopes and the diagnostics collected so far.
import type { Span } from '../../../errors/index.js';
import type { ParamNode } from '../../ir/param-node.js';
import { typeDiagnostic, type QueryDiagnostic, type TCode, type UncodedCode } from '../diagnostic.js';
import type { CatalogView } from './catalog-view.js';

/** A variable bound in a match block. */
export interface VarInfo {
  /** Name in the IR (`_#n` for anonymous `$_` endpoints). */
  readonly name: string;
  readonly kind: 'node' | 'edge';
  /** The node or edge type; null when its binding already failed (later uses stay silent). */
  readonly typeName: string | null;
  readonly span: Span;
  readonly anonymous: boolean;
}

/** Nested variable scopes: a `not { }` block sees its parents' variables; its own stay inside. */
export class Scope {
  readonly #vars = new Map<string, VarInfo>();

  constructor(readonly parent: Scope | null) {}

  /** The variable visible under `name`, searching outward. */
  get(name: string): VarInfo | undefined {
    return this.#vars.get(name) ?? this.parent?.get(name);
  }

  /** The variable bound in this block itself. */
  getLocal(name: string): VarInfo | undefined {
    return this.#vars.get(name);
  }

  /** True when `name` is bound by an enclosing block (not this one). */
  isOuter(name: string): boolean {
    return !this.#vars.has(name) && this.parent?.get(name) !== undefined;
  }

  /** Bind a variable in this block. */
  bind(info: VarInfo): void {
    this.#vars.set(info.name, info);
  }

  /** Variables bound in this block, in binding order. */
  locals(): readonly VarInfo[] {
    return [...this.#vars.values()];
  }

  /** Every variable visible here (inner names shadow nothing: names are unique across blocks). */
  visible(): readonly VarInfo[] {
    return [...(this.parent?.visible() ?? []), ...this.#vars.values()];
  }
}

/** A declared parameter with where it was declared. */
export interface ParamInfo {
  readonly node: ParamNode;
  readonly span: Span;
}

/** Everything the checker of one query shares. */
export class CheckContext {
  readonly diagnostics: QueryDiagnostic[] = [];
  /** Parameters whose declaration failed: references to them stay silent instead of cascading. */
  readonly poisonedParams = new Set<string>();
  #anon = 0;

  constructor(
    readonly catalog: CatalogView,
    readonly queryName: string,
    readonly params: ReadonlyMap<string, ParamInfo>,
  ) {}

  /** Record an error. */
  error(code: TCode | UncodedCode, message: string, span: Span): void {
    this.diagnostics.push(typeDiagnostic(code, message, span, this.queryName));
  }

  /** A fresh hidden name for one `$_` occurrence. */
  anonName(): string {
    this.#anon++;
    return `_#${this.#anon}`;
  }

  /** True once any error was recorded. */
  get failed(): boolean {
    return this.diagnostics.length > 0;
  }
}
