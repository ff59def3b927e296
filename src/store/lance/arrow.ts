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

export type { DataType, Field, RecordBatch, Schema, Table as ArrowTable } from 'apache-arrow';
