// Sidecar I/O on the graph's ObjectStore: arm (create-only), rewrite (compare-and-swap), retire, list oldest first.
import { OmniError, RecoveryError } from '../errors/index.js';
import type { ObjectStore, VersionToken } from '../store/object/types.js';
import { SIDECAR_PREFIX, decodeSidecar, encodeSidecar, sidecarKey, type Sidecar } from './sidecar.js';

/** A sidecar as read, with the token a rewrite must match. */
export interface StoredSidecar {
  readonly sidecar: Sidecar;
  readonly token: VersionToken;
}

/** The `__recovery/` folder of one graph. */
export class SidecarStore {
  readonly #objects: ObjectStore;

  constructor(objects: ObjectStore) {
    this.#objects = objects;
  }

  /** Phase A: write a new sidecar. An operation id in use is `conflict` (the operation already ran or runs). */
  async arm(s: Sidecar): Promise<VersionToken> {
    const r = await this.#objects.putIfAbsent(sidecarKey(s.operation_id), encodeSidecar(s));
    if (!r.ok) throw new OmniError('conflict', `operation ${s.operation_id} already has a recovery sidecar; use a new operation id`, { details: { operation_id: s.operation_id } });
    return r.token;
  }

  /**
   * Rewrite a sidecar in place, only if it is still the version we hold. Losing the condition means another
   * process (a lease taker's recovery) owns it now: `recovery_required`, and this writer stops.
   */
  async rewrite(s: Sidecar, token: VersionToken): Promise<VersionToken> {
    const r = await this.#objects.putIfMatch(sidecarKey(s.operation_id), encodeSidecar(s), token);
    if (!r.ok) {
      throw new RecoveryError('recovery_required', `the recovery sidecar of operation ${s.operation_id} changed under this writer (${r.reason}); reopen the graph to recover`, {
        details: { recovery_required: { operation_id: s.operation_id } },
      });
    }
    return r.token;
  }

  /** Phase D: delete a sidecar (absent is fine). */
  async retire(operationId: string): Promise<void> {
    await this.#objects.delete(sidecarKey(operationId));
  }

  /** Read one sidecar, or `null`. */
  async read(operationId: string): Promise<StoredSidecar | null> {
    const key = sidecarKey(operationId);
    const got = await this.#objects.get(key);
    return got === null ? null : { sidecar: decodeSidecar(key, got.body), token: got.token };
  }

  /**
   * Every sidecar, oldest first (operation ids are ULIDs). Non-`.json` names are skipped; a listed sidecar that
   * vanished before its read is skipped; a malformed one throws (it is kept for inspection).
   */
  async list(): Promise<StoredSidecar[]> {
    const out: StoredSidecar[] = [];
    for await (const meta of this.#objects.list(SIDECAR_PREFIX)) {
      if (!meta.key.endsWith('.json')) continue;
      const got = await this.#objects.get(meta.key);
      if (got === null) continue;
      out.push({ sidecar: decodeSidecar(meta.key, got.body), token: got.token });
    }
    return out.sort((a, b) => (a.sidecar.operation_id < b.sidecar.operation_id ? -1 : 1));
  }
}
