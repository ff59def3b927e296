// The one Arrow instance: apache-arrow's CommonJS build, the same module LanceDB itself loads.
import { createRequire } from 'node:module';
import type * as ArrowModule from 'apache-arrow';

const require = createRequire(import.meta.url);

/**
 * apache-arrow, loaded through `require` so that it is the CommonJS build LanceDB uses. Importing
 * 'apache-arrow' from ESM loads a second copy whose classes fail `instanceof` against LanceDB's results
 * (the dual-package hazard, research/lancedb-node.md Q9). Build every schema, field and table from this.
 * @example
 * const schema = new arrow.Schema([new arrow.Field('id', new arrow.Utf8(), false)]);
 */
export const arrow = require('apache-arrow') as typeof ArrowModule;

interface BoolData {
  readonly length: number;
  readonly nullCount: number;
  readonly offset: number;
  readonly values: Uint8Array | undefined;
}

/**
 * Arrow JS writes a Bool column whose values are all null with an empty values buffer in IPC, and the Rust side of
 * LanceDB rejects that batch ("Need at least 1 bytes for bitmap in buffers[0] in array of type Boolean"), so an
 * all-null nullable Bool column could never be written. Serialize such columns with a zeroed values bitmap of the
 * right size instead; the validity bitmap (all null) is written unchanged. Applied once, to the one Arrow instance.
 */
function patchAllNullBoolAssembly(): void {
  const mod = require('apache-arrow/visitor/vectorassembler') as { VectorAssembler: { prototype: { visitBool(this: unknown, data: BoolData): unknown } } };
  const proto = mod.VectorAssembler.prototype;
  const original = proto.visitBool;
  if ((original as { omnigraphPatched?: boolean }).omnigraphPatched === true) return;
  const patched = function (this: unknown, data: BoolData): unknown {
    if (data.length === 0 || data.nullCount < data.length) return original.call(this, data);
    const need = Math.ceil((data.offset + data.length) / 8);
    const values = data.values !== undefined && data.values.length >= need ? data.values : new Uint8Array(need);
    return original.call(this, Object.create(data, { nullCount: { value: 0 }, values: { value: values } }) as BoolData);
  };
  (patched as { omnigraphPatched?: boolean }).omnigraphPatched = true;
  proto.visitBool = patched;
}

patchAllNullBoolAssembly();

export type { DataType, Field, RecordBatch, Schema, Table as ArrowTable } from 'apache-arrow';
