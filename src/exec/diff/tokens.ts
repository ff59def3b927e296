// Opaque continuation tokens of the change surfaces: page tokens and durable feed cursors, encoded and validated.
import { createHash } from 'node:crypto';
import { OmniError } from '../../errors/index.js';

/** Encoded tokens never exceed this many bytes (spec branching §8.3). */
export const MAX_TOKEN_BYTES = 4096;

/** Ids up to this many UTF-8 bytes are embedded exactly; longer ones as a prefix plus a SHA-256. */
const EXACT_ID_BYTES = 256;
const PREFIX_BYTES = 64;
const VERSION = 1;

/** What a token is for: a per-commit changes page, a page inside one feed poll, or a durable feed cursor. */
export type TokenKind = 'commit_page' | 'feed_page' | 'cursor';

/** The fields a token carries besides its kind (JSON values only). */
export type TokenBody = Readonly<Record<string, string | number | null>>;

/**
 * The form an id takes inside a token: the id itself up to 256 UTF-8 bytes, else its first 64 bytes (whole code
 * points), `#`, and the hex SHA-256 of the whole id. Compare bound forms, never raw ids against bound forms.
 */
export function boundId(id: string): string {
  const bytes = Buffer.from(id, 'utf8');
  if (bytes.length <= EXACT_ID_BYTES) return id;
  let prefix = '';
  for (const ch of id) {
    if (Buffer.byteLength(prefix + ch, 'utf8') > PREFIX_BYTES) break;
    prefix += ch;
  }
  return `${prefix}#${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A short digest of a canonical text (filters are bound to tokens by digest). */
export function digest(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);
}

/** `change_cursor_rejected` with the stable message prefix. */
export function cursorRejected(reason: string, details: Record<string, unknown> = {}): OmniError {
  return new OmniError('change_cursor_rejected', `change cursor rejected: ${reason}`, { details: { reason, ...details } });
}

/**
 * Encode a token: base64url of its JSON with the kind, a format version and a checksum (integrity only — a
 * token is opaque, not secret). `internal` if it would exceed {@link MAX_TOKEN_BYTES}, which bound ids prevent.
 * @example
 * encodeToken('cursor', { g: boundId(graphId), p: commitId })
 */
export function encodeToken(kind: TokenKind, body: TokenBody): string {
  const payload = { ...body, k: kind, v: VERSION };
  const text = JSON.stringify({ ...payload, s: checksum(payload) });
  const token = Buffer.from(text, 'utf8').toString('base64url');
  if (token.length > MAX_TOKEN_BYTES) throw new OmniError('internal', `a ${kind} token would take ${token.length} bytes (limit ${MAX_TOKEN_BYTES})`);
  return token;
}

/**
 * Decode a token of `kind`. `change_cursor_rejected` when it is too long, not base64url JSON, damaged, of another
 * format version, or of another kind (a page token is never a cursor and the other way round).
 */
export function decodeToken(kind: TokenKind, token: string): Record<string, unknown> {
  const what = kind === 'cursor' ? 'cursor' : 'page token';
  if (typeof token !== 'string' || token.length === 0) throw cursorRejected(`the ${what} is empty`);
  if (token.length > MAX_TOKEN_BYTES) throw cursorRejected(`the ${what} is longer than ${MAX_TOKEN_BYTES} bytes`);
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw cursorRejected(`the ${what} is not a token this server issued (malformed)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw cursorRejected(`the ${what} is not a token this server issued (malformed)`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw cursorRejected(`the ${what} is not a token this server issued (malformed)`);
  const { s, ...payload } = parsed as Record<string, unknown>;
  if (s !== checksum(payload)) throw cursorRejected(`the ${what} is damaged (checksum mismatch)`);
  if (payload['v'] !== VERSION) throw cursorRejected(`the ${what} has an unknown format version`);
  if (payload['k'] !== kind) {
    throw cursorRejected(kind === 'cursor' ? 'a page token is not a cursor; pass it as the page token' : `a ${String(payload['k']).replace('_', ' ')} token is not a ${kind.replace('_', ' ')} token`);
  }
  return payload;
}

/** The string field `key` of a decoded token (`null` allowed when `nullable`); rejected when missing or mistyped. */
export function tokenString(body: Record<string, unknown>, key: string, nullable = false): string | null {
  const v = body[key];
  if (typeof v === 'string' || (nullable && v === null)) return v as string | null;
  throw cursorRejected(`the token lacks field '${key}' (malformed)`);
}

/** The non-negative integer field `key` of a decoded token; rejected when missing or mistyped. */
export function tokenInt(body: Record<string, unknown>, key: string): number {
  const v = body[key];
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return v;
  throw cursorRejected(`the token lacks field '${key}' (malformed)`);
}

function checksum(payload: Record<string, unknown>): string {
  const keys = Object.keys(payload).sort();
  return digest(JSON.stringify(keys.map((k) => [k, payload[k]]))).slice(0, 16);
}
