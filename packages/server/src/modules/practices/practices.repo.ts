import { defaultSettings, PracticeSettings } from '@confide/api';
import type { DbOrTx } from '../../db';

/** A practice's settings: what is stored, over the defaults of SPEC §4. */
export function parseSettings(stored: string): PracticeSettings {
  const parsed = PracticeSettings.partial().safeParse(JSON.parse(stored));
  return { ...defaultSettings, ...(parsed.success ? parsed.data : {}) };
}

/** A practice by its slug, or undefined. */
export function findPracticeBySlug(db: DbOrTx, slug: string) {
  return db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A practice by id; throws if missing (ids come from sessions, so it exists). */
export function getPractice(db: DbOrTx, id: string) {
  return db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
