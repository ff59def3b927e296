// The in-memory form of property values after validation, shared by the loader, mutations and key derivation.

/** A Blob value: managed bytes (still base64 text, `size` decoded bytes) or an external URI reference. */
export type BlobValue =
  | { readonly kind: 'managed'; readonly base64: string; readonly size: number }
  | { readonly kind: 'external'; readonly uri: string };

/**
 * One scalar value. Per property type: String/enum → string; Bool → boolean; I32/U32 → number; I64/U64 → bigint;
 * F32 (rounded to float32)/F64 → number; Date → number (days since 1970-01-01); DateTime → number (ms since the
 * epoch, UTC); Blob → BlobValue.
 */
export type ScalarValue = string | boolean | number | bigint | BlobValue;

/** A property value: a scalar, a list (`[T]` items, or a Vector's float32 components), or null. */
export type LogicalValue = ScalarValue | readonly ScalarValue[] | null;

/** Property name → value, for one entity. */
export type RowValues = Readonly<Record<string, LogicalValue>>;
