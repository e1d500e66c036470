import { defaultSettings, PracticeSettings } from '@confide/api';
import type { DbOrTx } from '../../db';

// Built once: zod compiles a schema on first use, and every request reads its practice's settings.
const StoredSettings = PracticeSettings.partial();
const parsedSettings = new Map<string, PracticeSettings>();

/** A practice's settings: what is stored, over the defaults of SPEC §4. */
export function parseSettings(stored: string): PracticeSettings {
  let settings = parsedSettings.get(stored);
  if (!settings) {
    const parsed = StoredSettings.safeParse(JSON.parse(stored));
    settings = { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
    // A few practices per process: a full cache means churn, so start over rather than grow.
    if (parsedSettings.size >= 1000) parsedSettings.clear();
    parsedSettings.set(stored, settings);
  }
  return { ...settings };
}

/** A practice by its slug, or undefined. */
export function findPracticeBySlug(db: DbOrTx, slug: string) {
  return db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A practice by id; throws if missing (ids come from sessions, so it exists). */
export function getPractice(db: DbOrTx, id: string) {
  return db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
