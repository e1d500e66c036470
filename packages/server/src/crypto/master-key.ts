import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../config';
import { ensurePrivateDir } from '../storage/private-files';

export interface MasterKey {
  id: string;
  key: Buffer;
  /** True when this start created the key file (the operator is told, once). */
  created: boolean;
}

/** Loads the master key from MASTER_KEY, MASTER_KEY_FILE, or the key file in DATA_DIR (created 0600 if missing). */
export function loadMasterKey(source: Config['masterKey']): MasterKey {
  let created = false;
  let encoded: string;
  if (source.kind === 'env') {
    encoded = source.value;
  } else if (existsSync(source.path)) {
    encoded = readFileSync(source.path, 'utf8').trim();
  } else if (source.createIfMissing) {
    ensurePrivateDir(dirname(source.path));
    encoded = randomBytes(32).toString('base64');
    writeFileSync(source.path, `${encoded}\n`, { mode: 0o600, flag: 'wx' });
    created = true;
  } else {
    throw new Error(`MASTER_KEY_FILE ${source.path} does not exist`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== 32) throw new Error('the master key must be 32 bytes, base64-encoded');
  return { id: masterKeyId(key), key, created };
}

/** A short, non-secret fingerprint naming a master key. */
export function masterKeyId(key: Buffer): string {
  return createHash('sha256').update('confide-master-key-id').update(key).digest('hex').slice(0, 16);
}
