import type { AwayStatus } from '@confide/api';
import type { PracticeCipher } from '../../crypto/keyring';
import type { DbOrTx } from '../../db';
import { loadPeople } from '../accounts/users.repo';

/** A staff member's period that has not ended at `now` (running or ahead), if any. */
export function findOpenPeriod(db: DbOrTx, practiceId: string, userId: string, now: string) {
  return db
    .selectFrom('out_of_office')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('ends_at', '>', now)
    .orderBy('starts_at')
    .executeTakeFirst();
}

/** The periods running at `now` for some staff members (all of the practice when `userIds` is omitted). */
export function loadActivePeriods(db: DbOrTx, practiceId: string, now: string, userIds?: string[]) {
  let query = db
    .selectFrom('out_of_office')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('starts_at', '<=', now)
    .where('ends_at', '>', now);
  if (userIds) query = query.where('user_id', 'in', userIds.length > 0 ? userIds : ['']);
  return query.execute();
}

/** R40: who among these staff members is away now, until when, and who covers (for recipient lists). */
export async function loadAwayStatus(
  db: DbOrTx,
  cipher: PracticeCipher,
  practiceId: string,
  now: string,
  userIds: string[],
): Promise<Map<string, AwayStatus>> {
  const away = new Map<string, AwayStatus>();
  if (userIds.length === 0) return away;
  const periods = await loadActivePeriods(db, practiceId, now, userIds);
  const people = await loadPeople(
    db,
    cipher,
    periods.map((p) => p.covering_id),
  );
  for (const period of periods) {
    away.set(period.user_id, {
      until: period.ends_at,
      coveringName: people.get(period.covering_id)?.name ?? 'A colleague',
    });
  }
  return away;
}
