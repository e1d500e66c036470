import { createHmac, randomBytes } from 'node:crypto';
import type { DbOrTx } from '../db';
import { unscoped } from '../db/unscoped';
import { newId, nowIso } from '../ids';
import { open, seal } from './aes';
import type { Binding } from './bindings';
import type { MasterKey } from './master-key';

/** A practice's unwrapped data key. */
export interface DataKey {
  id: string;
  key: Buffer;
}

/**
 * Envelope encryption for one practice. Every ciphertext is `v1:<keyId>:<base64>` and binds
 * its record (table, column, row id) as associated data, so it cannot be moved to another row.
 */
export class PracticeCipher {
  constructor(
    readonly practiceId: string,
    private readonly active: DataKey,
    private readonly keys: ReadonlyMap<string, DataKey>,
    private readonly indexKey: Buffer,
  ) {}

  /** Encrypts a text value for the record named by `aad` (`binding('messages.body', id)`). */
  encrypt(aad: Binding, plaintext: string): string {
    const sealed = seal(this.active.key, Buffer.from(plaintext, 'utf8'), aad);
    return `v1:${this.active.id}:${sealed.toString('base64')}`;
  }

  /** Decrypts what `encrypt` produced for the same record. */
  decrypt(aad: Binding, ciphertext: string): string {
    const [version, keyId, body] = ciphertext.split(':');
    if (version !== 'v1' || !keyId || body === undefined) throw new Error('not a Confide ciphertext');
    const key = this.keys.get(keyId);
    if (!key) throw new UnknownKeyError(keyId);
    return open(key.key, Buffer.from(body, 'base64'), aad).toString('utf8');
  }

  /** The key new data is encrypted with (for streams that frame their own ciphertext). */
  activeKey(): DataKey {
    return this.active;
  }

  /** A data key by id, for decrypting a stream encrypted under an older key. */
  keyById(id: string): DataKey {
    const key = this.keys.get(id);
    if (!key) throw new UnknownKeyError(id);
    return key;
  }

  /** A keyed hash for equality lookups (e.g. email at sign-in) without storing plaintext. */
  lookupHash(value: string): string {
    return createHmac('sha256', this.indexKey).update(value).digest('hex');
  }

  /**
   * The same cipher, remembering what it decrypted: for one answer that shows the same value on
   * many rows (a folder page names the same few people on every thread). Kept only as long as
   * the caller keeps it — never across requests.
   */
  remembering(): PracticeCipher {
    return new RememberingCipher(this.practiceId, this.active, this.keys, this.indexKey);
  }
}

class RememberingCipher extends PracticeCipher {
  private readonly seen = new Map<string, string>();

  override decrypt(aad: Binding, ciphertext: string): string {
    const key = `${aad}\n${ciphertext}`;
    let plaintext = this.seen.get(key);
    if (plaintext === undefined) {
      plaintext = super.decrypt(aad, ciphertext);
      this.seen.set(key, plaintext);
    }
    return plaintext;
  }

  override remembering(): PracticeCipher {
    return this;
  }
}

/** A ciphertext names a key this process has not loaded (rotated on another node, or missing). */
export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`unknown data key ${keyId}`);
  }
}

/** How long a process keeps a practice's keys before reading them again. */
export const KEY_CACHE_MS = 60_000;

/** Loads, caches and creates per-practice data keys wrapped by the master key. */
export class KeyRing {
  private readonly cache = new Map<string, { cipher: PracticeCipher; loadedAt: number }>();

  constructor(readonly master: MasterKey) {}

  /** The cipher of a practice; reloaded after a minute so rotations on other nodes are picked up. */
  async forPractice(db: DbOrTx, practiceId: string): Promise<PracticeCipher> {
    const cached = this.cache.get(practiceId);
    if (cached && Date.now() - cached.loadedAt < KEY_CACHE_MS) return cached.cipher;
    return this.reload(db, practiceId);
  }

  /** Drops the cached keys of a practice and reads them again. */
  async reload(db: DbOrTx, practiceId: string): Promise<PracticeCipher> {
    const rows = await db
      .selectFrom('practice_keys')
      .select(['id', 'purpose', 'wrapped', 'active'])
      .where('practice_id', '=', practiceId)
      .orderBy('created_at')
      .execute();
    const keys = new Map<string, DataKey>();
    let active: DataKey | undefined;
    let indexKey: Buffer | undefined;
    for (const row of rows) {
      const key = this.unwrap(row.id, row.wrapped);
      if (row.purpose === 'index') {
        indexKey = key;
        continue;
      }
      keys.set(row.id, { id: row.id, key });
      if (row.active) active = { id: row.id, key };
    }
    if (!active || !indexKey) throw new Error(`practice ${practiceId} has no keys`);
    const cipher = new PracticeCipher(practiceId, active, keys, indexKey);
    this.cache.set(practiceId, { cipher, loadedAt: Date.now() });
    return cipher;
  }

  /** Creates the first data key and the lookup key of a new practice. */
  async createPracticeKeys(db: DbOrTx, practiceId: string): Promise<void> {
    await this.insertKey(db, practiceId, 'index');
    await this.insertKey(db, practiceId, 'data');
  }

  /**
   * Starts a new data key for a practice at once: new ciphertexts use it, older ones stay
   * readable under the keys they name. Only safe within one process; across processes use
   * `stageDataKey`, wait KEY_CACHE_MS, then `activateDataKey` (see rotate.ts).
   */
  async rotateDataKey(db: DbOrTx, practiceId: string): Promise<string> {
    const id = await this.stageDataKey(db, practiceId);
    await this.activateDataKey(db, practiceId, id);
    return id;
  }

  /**
   * Adds a new data key that every process can decrypt with once it reloads, but nobody encrypts
   * with yet — so no process meets a ciphertext under a key it has not loaded.
   */
  async stageDataKey(db: DbOrTx, practiceId: string): Promise<string> {
    const id = await this.insertKey(db, practiceId, 'data', false);
    this.cache.delete(practiceId);
    return id;
  }

  /** Makes a staged data key the one new ciphertexts use. */
  async activateDataKey(db: DbOrTx, practiceId: string, keyId: string): Promise<void> {
    await db
      .updateTable('practice_keys')
      .set({ active: 0 })
      .where('practice_id', '=', practiceId)
      .where('purpose', '=', 'data')
      .where('id', '!=', keyId)
      .execute();
    await db
      .updateTable('practice_keys')
      .set({ active: 1 })
      .where('practice_id', '=', practiceId)
      .where('id', '=', keyId)
      .execute();
    this.cache.delete(practiceId);
  }

  /** Re-wraps every practice key under this ring's master key (after a master key change). */
  async rewrapAll(db: DbOrTx, previous: MasterKey[]): Promise<number> {
    const rows = await unscoped(db, 'keys.rewrap')
      .selectFrom('practice_keys')
      .select(['id', 'practice_id', 'wrapped', 'master_key_id'])
      .execute();
    let count = 0;
    for (const row of rows) {
      if (row.master_key_id === this.master.id) continue;
      const old = previous.find((k) => k.id === row.master_key_id);
      if (!old) throw new Error(`key ${row.id} is wrapped by a master key that was not supplied`);
      const key = open(old.key, Buffer.from(row.wrapped.split(':')[1] ?? '', 'base64'), `practice-key:${row.id}`);
      await db
        .updateTable('practice_keys')
        .set({ wrapped: this.wrap(row.id, key), master_key_id: this.master.id })
        .where('practice_id', '=', row.practice_id)
        .where('id', '=', row.id)
        .execute();
      count += 1;
    }
    this.cache.clear();
    return count;
  }

  private async insertKey(db: DbOrTx, practiceId: string, purpose: 'data' | 'index', active = true): Promise<string> {
    const id = newId();
    await db
      .insertInto('practice_keys')
      .values({
        id,
        practice_id: practiceId,
        purpose,
        wrapped: this.wrap(id, randomBytes(32)),
        master_key_id: this.master.id,
        active: active ? 1 : 0,
        created_at: nowIso(),
      })
      .execute();
    return id;
  }

  private wrap(keyId: string, key: Buffer): string {
    return `${this.master.id}:${seal(this.master.key, key, `practice-key:${keyId}`).toString('base64')}`;
  }

  private unwrap(keyId: string, wrapped: string): Buffer {
    const [masterId, body] = wrapped.split(':');
    if (masterId !== this.master.id || body === undefined) {
      throw new Error(`data key ${keyId} is wrapped by master key ${masterId ?? '?'}, not the one configured`);
    }
    return open(this.master.key, Buffer.from(body, 'base64'), `practice-key:${keyId}`);
  }
}
