import type { DbOrTx } from '../../db';
import { AppError } from '../../errors';
import type { Sender } from '../threads/sender';
import { currentAgreement, hasAccepted } from './agreement.repo';

/**
 * R43: a client sends (a new message, a reply, a draft) only once they have accepted the
 * practice's current messaging agreement; staff are never asked. A practice that has not
 * published an agreement asks nothing.
 */
export async function requireAgreement(db: DbOrTx, sender: Sender): Promise<void> {
  if (sender.kind !== 'client') return;
  const agreement = await currentAgreement(db, sender.practiceId);
  if (!agreement || (await hasAccepted(db, sender.practiceId, sender.userId, agreement.version))) return;
  throw new AppError('agreement_required', 'Please read and accept the messaging agreement before sending a message.', {
    version: agreement.version,
  });
}
