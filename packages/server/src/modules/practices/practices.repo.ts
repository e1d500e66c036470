import type { DbOrTx } from '../../db';

/** A practice by its slug, or undefined. */
export function findPracticeBySlug(db: DbOrTx, slug: string) {
  return db.selectFrom('practices').selectAll().where('slug', '=', slug).executeTakeFirst();
}

/** A practice by id; throws if missing (ids come from sessions, so it exists). */
export function getPractice(db: DbOrTx, id: string) {
  return db.selectFrom('practices').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
