// Catalog ⇄ JSON. Reading recompiles the embedded source against the stored identities and insists on equality.
import { OmniError } from '../../errors/index.js';
import { compileSchema } from './compile-schema.js';
import type { IdentitySource, IdentityType } from './identity.js';
import { CATALOG_FORMAT_VERSION, type Catalog } from './types.js';

/**
 * The catalog's JSON text (compact; key order is deterministic, so equal catalogs give equal text).
 * @example
 * const stored = catalogToJSON(catalog);
 * catalogFromJSON(stored); // an equal, frozen catalog
 */
export function catalogToJSON(catalog: Catalog): string {
  return JSON.stringify(catalog);
}

function invalid(why: string): OmniError {
  return new OmniError('internal', `stored catalog is invalid: ${why}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function positiveInt(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 1) throw invalid(`${what} must be a positive integer`);
  return v;
}

/** Check the identity facts of a stored catalog: positive, unique ids below `nextIdentityId`. */
function readIdentities(value: Record<string, unknown>): IdentitySource {
  const next = positiveInt(value['nextIdentityId'], 'nextIdentityId');
  const seen = new Set<number>();
  const claim = (id: number, what: string): void => {
    if (id >= next) throw invalid(`${what} id ${id} is not below nextIdentityId ${next}`);
    if (seen.has(id)) throw invalid(`identity ${id} is used twice`);
    seen.add(id);
  };
  const bucket = (key: 'interfaces' | 'nodes' | 'edges'): Record<string, IdentityType> => {
    const raw = value[key];
    if (!isRecord(raw)) throw invalid(`${key} must be an object`);
    const out: Record<string, IdentityType> = {};
    for (const [name, t] of Object.entries(raw)) {
      if (!isRecord(t) || !isRecord(t['properties'])) throw invalid(`${key}.${name} is malformed`);
      const typeId = positiveInt(t['typeId'], `${key}.${name}.typeId`);
      claim(typeId, `${key}.${name}`);
      let incarnationId: number | undefined;
      if (key !== 'interfaces') {
        incarnationId = positiveInt(t['incarnationId'], `${key}.${name}.incarnationId`);
        claim(incarnationId, `${key}.${name} incarnation`);
      }
      const properties: Record<string, { id: number }> = {};
      for (const [pname, p] of Object.entries(t['properties'])) {
        if (!isRecord(p)) throw invalid(`${key}.${name}.${pname} is malformed`);
        const id = positiveInt(p['id'], `${key}.${name}.${pname}.id`);
        claim(id, `${key}.${name}.${pname}`);
        properties[pname] = { id };
      }
      out[name] = incarnationId === undefined ? { typeId, properties } : { typeId, incarnationId, properties };
    }
    return out;
  };
  return { nextIdentityId: next, interfaces: bucket('interfaces'), nodes: bucket('nodes'), edges: bucket('edges') };
}

/**
 * Read a catalog back from its JSON text (or the parsed value). The stored source is recompiled with the stored
 * identities; the result must equal the stored catalog exactly, so a hand-edited or truncated file is refused
 * (`internal`), and a newer format is refused with `format_unsupported`.
 */
export function catalogFromJSON(input: string | unknown): Catalog {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      throw invalid(`not JSON (${err instanceof Error ? err.message : String(err)})`);
    }
  }
  if (!isRecord(value)) throw invalid('not an object');
  const version = value['formatVersion'];
  if (typeof version === 'number' && version > CATALOG_FORMAT_VERSION) {
    throw new OmniError('format_unsupported', `stored catalog format ${version} is newer than this build understands (${CATALOG_FORMAT_VERSION}); upgrade omnigraph first`);
  }
  if (version !== CATALOG_FORMAT_VERSION) throw invalid(`formatVersion must be ${CATALOG_FORMAT_VERSION}`);
  const source = value['source'];
  if (typeof source !== 'string') throw invalid('source must be a string');
  const { catalog, diagnostics } = compileSchema(source, { previous: readIdentities(value) });
  if (catalog === undefined) throw invalid(`its source no longer compiles (${diagnostics[0]?.code ?? '?'}: ${diagnostics[0]?.message ?? ''})`);
  if (catalogToJSON(catalog) !== JSON.stringify(value)) throw invalid('it does not match its own source and identities');
  return catalog;
}
