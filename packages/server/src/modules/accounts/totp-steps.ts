import type { DbOrTx } from '../../db';

/**
 * Records that a person used the TOTP code of `step`, if no code of that step or a later one was
 * used before; false when one was (a replay, R28). One conditional update, so two nodes
 * accepting the same code at once cannot both win.
 */
export async function consumeTotpStep(
  db: DbOrTx,
  user: { id: string; practice_id: string },
  step: number,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ totp_last_step: step })
    .where('practice_id', '=', user.practice_id)
    .where('id', '=', user.id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
