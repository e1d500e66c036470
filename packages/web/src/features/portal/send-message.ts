import {
  REPLY_BLOCKED_INACTIVE_CLIENT,
  SentMessageResponse,
  SentThreadResponse,
  type AttachmentInfo,
  type Team,
} from '@confide/api';
import type { QueryClient } from '@tanstack/react-query';
import { api, ApiError, queryKeys } from '../../api';
import { textToHtml } from './message-text';
import { showCrisisCard } from './crisis-store';
import { sendOutgoing } from './outgoing-store';

/** R4 needs a subject; a chat message without a chosen topic gets this one. */
export const DEFAULT_CHAT_SUBJECT = 'Message from the client portal';

/** Threads this tab created per chat, so a quick second message joins the first thread. */
const createdThreads = new Map<string, string>();

/** Where a message goes: a reply to a thread, a new 1:1 thread with one person, or a new thread to a team (R46). */
export type SendTarget =
  | { threadId: string }
  | { personId: string; subject?: string; isNewThread?: boolean }
  | { team: Team; subject?: string };

/** A refusal in words a client understands; the text of the message is kept either way. */
export function describeSendError(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Something went wrong. Your message is kept here; try again.';
  switch (error.code) {
    case 'network':
      return 'No connection. Your message is kept here; try again when you are back online.';
    case 'client_inactive':
      return REPLY_BLOCKED_INACTIVE_CLIENT;
    case 'recipient_not_allowed':
      return 'This person cannot receive messages from you. You can write to the front office instead.';
    case 'unauthenticated':
      return 'You were signed out. Sign in again, then try again.';
    case 'agreement_required':
      return 'Please read and accept the messaging agreement first. Your message is kept here to send again.';
    default:
      return error.message;
  }
}

/** Queues one chat message; the outgoing store shows Sending…, Sent or Not sent — Retry (R25). */
export function sendChatMessage(
  client: QueryClient,
  chatKey: string,
  target: SendTarget,
  text: string,
  attachments: AttachmentInfo[],
  onThread?: (threadId: string) => void,
): void {
  const body = textToHtml(text);
  const attachmentIds = attachments.map((a) => a.id);
  const deliver = async () => {
    // A chosen topic (or the mail layout's new message) always starts its own thread.
    const threadId =
      'threadId' in target
        ? target.threadId
        : 'team' in target || target.isNewThread || target.subject?.trim()
          ? undefined
          : createdThreads.get(chatKey);
    if (threadId) {
      const { message, crisis } = await api.post(
        `/api/threads/${encodeURIComponent(threadId)}/messages`,
        {
          body,
          attachmentIds,
        },
        SentMessageResponse,
      );
      if (crisis) showCrisisCard();
      void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
      return { messageId: message.id };
    }
    if ('threadId' in target) throw new Error('unreachable');
    const { thread, crisis } = await api.post(
      '/api/threads',
      {
        to: ['team' in target ? { team: target.team } : { userId: target.personId }],
        subject: target.subject?.trim() || DEFAULT_CHAT_SUBJECT,
        body,
        attachmentIds,
      },
      SentThreadResponse,
    );
    if (crisis) showCrisisCard();
    createdThreads.set(chatKey, thread.id);
    onThread?.(thread.id);
    return { messageId: thread.messages?.at(-1)?.id ?? thread.id };
  };
  const describe = (error: unknown) => {
    // R43: the agreement changed since the page loaded; Messages shows it to accept, and the
    // message waits in the chat with Retry.
    if (error instanceof ApiError && error.code === 'agreement_required') {
      void client.invalidateQueries({ queryKey: queryKeys.agreement });
    }
    return describeSendError(error);
  };
  sendOutgoing({ chatKey, text, attachments, deliver }, describe, () => {
    void client.invalidateQueries({ queryKey: queryKeys.allThreads });
  });
}

/** Forgets the threads created in this tab (sign-out). */
export function forgetCreatedThreads(): void {
  createdThreads.clear();
}
