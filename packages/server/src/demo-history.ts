import { parseSettings } from '@confide/api';
import type { AppContext } from './context';
import { replyToThread } from './modules/threads/reply';
import { sendMessage } from './modules/threads/send-message';
import { openThread } from './modules/threads/open-thread';
import type { Sender } from './modules/threads/sender';
import { getPractice } from './modules/practices/practices.repo';

/**
 * Some conversation history for the demo practice, written through the same operations the
 * API uses (so counters, folders, events and audit are all real): a 1:1 with a client, a
 * group notice to two clients (replies off), a billing question, a staff-only thread, a note
 * from the case manager and one from the inactive client to the front office. Several stay
 * unread so the badges show.
 */
export async function seedDemoHistory(ctx: AppContext, practiceId: string, ids: Record<string, string>): Promise<void> {
  const users = await ctx.db
    .selectFrom('users')
    .select(['id', 'practice_id', 'kind', 'role', 'status', 'admin'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', Object.values(ids))
    .execute();
  const first = users[0];
  if (!first) return;
  const practice = await getPractice(ctx.db, first.practice_id);
  const settings = parseSettings(practice?.settings ?? '{}');
  const as = (key: string): Sender => {
    const row = users.find((u) => u.id === ids[key]);
    if (!row) throw new Error(`demo person ${key} is missing`);
    return {
      userId: row.id,
      practiceId: row.practice_id,
      kind: row.kind,
      role: row.role,
      status: row.status,
      isAdmin: Boolean(row.admin),
      ip: null,
      settings,
    };
  };
  const user = (key: string) => ({ userId: ids[key] as string });
  const p = (...lines: string[]) => lines.map((l) => `<p>${l}</p>`).join('');

  const session = await sendMessage(ctx, as('chen'), {
    to: [user('alex')],
    subject: 'Moving Thursday’s session',
    body: p(
      'Hi Alex,',
      'Could we move Thursday’s session to 3:30 pm? Let me know if that works for you.',
      '— Dr. Chen',
    ),
  });
  await openThread(ctx, as('alex'), session.thread.id);
  await replyToThread(ctx, as('alex'), session.thread.id, {
    body: p('3:30 works for me. Should I keep doing the <strong>sleep log</strong> until then?'),
  });
  await openThread(ctx, as('chen'), session.thread.id);
  await replyToThread(ctx, as('chen'), session.thread.id, {
    body: p('Yes, please keep it going:', '<ul><li>bedtime and wake time</li><li>anything that woke you</li></ul>'),
  });

  await sendMessage(ctx, as('admin'), {
    to: [user('alex'), user('jordan')],
    subject: 'Office closed Monday for the holiday',
    body: p(
      'Our office will be closed on Monday. Sessions scheduled that day have been moved; you will receive a separate confirmation.',
      'In an emergency call 911, or call or text 988.',
    ),
  });

  const billing = await sendMessage(ctx, as('jordan'), {
    to: [user('biller')],
    subject: 'Question about my statement',
    body: p('Hello, my last statement shows two charges for the same date. Could you check?'),
  });
  await openThread(ctx, as('biller'), billing.thread.id);
  await replyToThread(ctx, as('biller'), billing.thread.id, {
    body: p('Thanks for flagging this, Jordan. The second charge was a duplicate and has been removed.'),
  });

  const coverage = await sendMessage(ctx, as('chen'), {
    to: [user('ortiz'), user('admin')],
    subject: 'Coverage while I am away next week',
    body: p('Sam, could you cover my Tuesday afternoon clients? Dana, please update the schedule.'),
  });
  await replyToThread(ctx, as('ortiz'), coverage.thread.id, { body: p('Happy to cover Tuesday afternoon.') });

  await sendMessage(ctx, as('agent'), {
    to: [user('chen')],
    subject: 'Referral follow-up',
    body: p('Following up on the referral we discussed. The intake paperwork is complete on our side.'),
  });

  await sendMessage(ctx, as('casey'), {
    to: [user('admin')],
    subject: 'Coming back to therapy',
    body: p('Hi, I would like to start sessions with Sam again. What do I need to do?'),
  });
}
