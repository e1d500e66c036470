import { parseSettings } from '@confide/api';
import type { AppContext } from '../../context';
import type { Tx } from '../../db';
import { getPractice } from '../practices/practices.repo';
import type { Member } from '../threads/threads.repo';
import { replyForAwayStaff } from '../out-of-office/reply-when-away';
import { crisisMatcher } from './crisis-matcher';
import { raiseCrisis } from './raise-crisis';
import { schedulePromise } from './schedule-promise';
import { settleThread } from './settle-thread';

export interface MessageSafetyInput {
  practiceId: string;
  threadId: string;
  messageId: string;
  createdAt: string;
  /** The plaintext, before it is encrypted; it is read here and never stored or logged. */
  body: string;
  sender: Member;
  participants: Member[];
}

/** What the safety net did with a message: the client's cues. */
export interface MessageSafety {
  crisis: boolean;
  expectedReplyBy: string | null;
}

/**
 * The safety net's part of every send, inside the send's transaction. A client's message gets
 * its reply-by time and its reminder and escalation (R39, R41), and is checked for words of
 * crisis on the server, before it is encrypted; a match flags the thread and alerts its staff
 * and the escalation group (R42). A staff message answers the thread: pending reminders and
 * escalations end and an Overdue mark clears (R41); its text is not checked.
 */
export async function checkMessageSafety(tx: Tx, ctx: AppContext, input: MessageSafetyInput): Promise<MessageSafety> {
  if (input.sender.kind !== 'client') {
    await settleThread(tx, { ...input, senderId: input.sender.id, now: input.createdAt });
    return { crisis: false, expectedReplyBy: null };
  }
  const settings = parseSettings((await getPractice(tx, input.practiceId)).settings);
  const expectedReplyBy = await schedulePromise(tx, settings, input);
  const crisis = crisisMatcher(settings.crisisWords).matches(input.body);
  if (crisis) await raiseCrisis(tx, ctx, input, settings.escalationGroup);
  // R40: staff the client wrote to who are out of office answer through the practice.
  await replyForAwayStaff(tx, ctx, input);
  return { crisis, expectedReplyBy };
}
