import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, type OpenDatabase } from '../db';
import { newId, nowIso } from '../ids';
import { KeyRing, PracticeCipher, UnknownKeyError } from './keyring';
import { masterKeyId, type MasterKey } from './master-key';
import { binding } from './bindings';

const master = (): MasterKey => {
  const key = randomBytes(32);
  return { id: masterKeyId(key), key, created: false };
};

describe('PracticeCipher (R31)', () => {
  const dataKey = { id: 'key-1', key: randomBytes(32) };
  const cipher = new PracticeCipher('practice-1', dataKey, new Map([[dataKey.id, dataKey]]), randomBytes(32));

  it('R31: a ciphertext names its key and opens only for its own record', () => {
    const ct = cipher.encrypt(binding('threads.subject', 't1'), 'Medication question');
    expect(ct).toMatch(/^v1:key-1:[A-Za-z0-9+/]+=*$/);
    expect(ct).not.toContain('Medication');
    expect(cipher.decrypt(binding('threads.subject', 't1'), ct)).toBe('Medication question');
    expect(() => cipher.decrypt(binding('threads.subject', 't2'), ct)).toThrow();
    expect(() => cipher.decrypt(binding('messages.body', 't1'), ct)).toThrow();
  });

  it('R31: a tampered ciphertext, a foreign format or an unknown key id throws', () => {
    const ct = cipher.encrypt(binding('users.name', 'u1'), 'Alex Rivera');
    const body = Buffer.from(ct.split(':')[2]!, 'base64');
    body[body.length - 1] = (body[body.length - 1] ?? 0) ^ 0xff;
    expect(() => cipher.decrypt(binding('users.name', 'u1'), `v1:key-1:${body.toString('base64')}`)).toThrow();
    expect(() => cipher.decrypt(binding('users.name', 'u1'), 'Alex Rivera')).toThrow(/not a Confide ciphertext/);
    expect(() => cipher.decrypt(binding('users.name', 'u1'), ct.replace('key-1', 'key-9'))).toThrow(UnknownKeyError);
  });

  it('R31: a remembering cipher opens the same values, still only for their own record', () => {
    const ct = cipher.encrypt(binding('users.name', 'u1'), 'Alex Rivera');
    const page = cipher.remembering();
    expect(page.decrypt(binding('users.name', 'u1'), ct)).toBe('Alex Rivera');
    expect(page.decrypt(binding('users.name', 'u1'), ct)).toBe('Alex Rivera');
    expect(() => page.decrypt(binding('users.name', 'u2'), ct)).toThrow();
    expect(() => page.decrypt(binding('users.email', 'u1'), ct)).toThrow();
    expect(page.remembering()).toBe(page);
    expect(cipher.remembering()).not.toBe(page);
    expect(page.encrypt(binding('users.name', 'u3'), 'Sam Lee')).toMatch(/^v1:key-1:/);
  });

  it('R31: lookup hashes are stable per practice and differ between practices', () => {
    const other = new PracticeCipher('practice-2', dataKey, new Map([[dataKey.id, dataKey]]), randomBytes(32));
    expect(cipher.lookupHash('email:a@b.example')).toBe(cipher.lookupHash('email:a@b.example'));
    expect(cipher.lookupHash('email:a@b.example')).not.toBe(other.lookupHash('email:a@b.example'));
    expect(cipher.lookupHash('email:a@b.example')).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('KeyRing (R31)', () => {
  let dir: string;
  let database: OpenDatabase;
  const practiceId = newId();
  let ring = new KeyRing(master());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confide-keyring-'));
    database = openDatabase({ databaseUrl: null, dataDir: dir });
    await migrateToLatest(database.db);
    await database.db
      .insertInto('practices')
      .values({ id: practiceId, slug: 'keys', name: 'Keys', settings: '{}', created_at: nowIso() })
      .execute();
    await ring.createPracticeKeys(database.db, practiceId);
  });
  afterAll(async () => {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R31: data keys are stored wrapped by the master key, never in the clear', async () => {
    const rows = await database.db
      .selectFrom('practice_keys')
      .selectAll()
      .where('practice_id', '=', practiceId)
      .execute();
    expect(rows.map((r) => r.purpose).sort()).toEqual(['data', 'index']);
    for (const row of rows) {
      expect(row.master_key_id).toBe(ring.master.id);
      expect(row.wrapped.startsWith(`${ring.master.id}:`)).toBe(true);
    }
    const cipher = await ring.forPractice(database.db, practiceId);
    expect(cipher.decrypt(binding('drafts.body', 'x1'), cipher.encrypt(binding('drafts.body', 'x1'), 'secret'))).toBe(
      'secret',
    );
    await expect(new KeyRing(master()).reload(database.db, practiceId)).rejects.toThrow(/wrapped by master key/);
  });

  it('R31: after rotation new text uses the new key and old text still opens', async () => {
    const before = await ring.forPractice(database.db, practiceId);
    const old = before.encrypt(binding('drafts.body', 'd1'), 'older draft');
    const rotatedId = await ring.rotateDataKey(database.db, practiceId);
    const after = await ring.forPractice(database.db, practiceId);
    expect(after.activeKey().id).toBe(rotatedId);
    expect(rotatedId).not.toBe(before.activeKey().id);
    expect(after.encrypt(binding('drafts.body', 'd1'), 'newer')).toMatch(new RegExp(`^v1:${rotatedId}:`));
    expect(after.decrypt(binding('drafts.body', 'd1'), old)).toBe('older draft');
    // The lookup key does not rotate, so emails stay findable.
    expect(after.lookupHash('email:x')).toBe(before.lookupHash('email:x'));
  });

  it('R31: a staged key is readable by every ring that reloads, but only used once activated', async () => {
    const otherNode = new KeyRing(ring.master);
    const before = await otherNode.forPractice(database.db, practiceId);
    const staged = await ring.stageDataKey(database.db, practiceId);
    const cipher = await ring.forPractice(database.db, practiceId);
    expect(cipher.activeKey().id).toBe(before.activeKey().id);
    await ring.activateDataKey(database.db, practiceId, staged);
    const text = (await ring.forPractice(database.db, practiceId)).encrypt(binding('messages.body', 'm1'), 'hello');
    expect(text).toMatch(new RegExp(`^v1:${staged}:`));
    // A node that loaded its keys before the stage cannot read it until it reloads — hence the wait.
    expect(() => before.decrypt(binding('messages.body', 'm1'), text)).toThrow(UnknownKeyError);
    expect((await otherNode.reload(database.db, practiceId)).decrypt(binding('messages.body', 'm1'), text)).toBe(
      'hello',
    );
  });

  it('R31: a new master key re-wraps every practice key; the old master no longer opens them', async () => {
    const text = (await ring.forPractice(database.db, practiceId)).encrypt(
      binding('chart_notes.content', 'n1'),
      'note',
    );
    const newRing = new KeyRing(master());
    await expect(newRing.rewrapAll(database.db, [])).rejects.toThrow(/not supplied/);
    expect(await newRing.rewrapAll(database.db, [ring.master])).toBe(4);
    const cipher = await newRing.reload(database.db, practiceId);
    expect(cipher.decrypt(binding('chart_notes.content', 'n1'), text)).toBe('note');
    await expect(new KeyRing(ring.master).reload(database.db, practiceId)).rejects.toThrow();
    ring = newRing;
  });
});
