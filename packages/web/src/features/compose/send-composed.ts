import { SentDraftResponse, SentThreadResponse } from '@confide/api';
import { api, ApiError, errorMessage } from '../../api';

/** What the composer sends: a saved draft, a reply in a thread, or a new message. */
export type Outgoing =
  | { kind: 'draft'; draftId: string }
  | { kind: 'reply'; threadId: string; body: string; attachmentIds: string[] }
  | {
      kind: 'new';
      to: ({ group: string } | { userId: string })[];
      subject: string;
      body: string;
      attachmentIds: string[];
    };

/** Sends it and answers the thread it landed in. */
export async function sendComposed(outgoing: Outgoing): Promise<string> {
  switch (outgoing.kind) {
    case 'draft': {
      const path = `/api/drafts/${encodeURIComponent(outgoing.draftId)}/send`;
      const answer = await api.post(path, undefined, SentDraftResponse);
      return 'thread' in answer ? answer.thread.id : answer.message.threadId;
    }
    case 'reply':
      await api.post(`/api/threads/${encodeURIComponent(outgoing.threadId)}/messages`, {
        body: outgoing.body,
        attachmentIds: outgoing.attachmentIds,
      });
      return outgoing.threadId;
    case 'new': {
      const { to, subject, body, attachmentIds } = outgoing;
      const answer = await api.post('/api/threads', { to, subject, body, attachmentIds }, SentThreadResponse);
      return answer.thread.id;
    }
  }
}

/** Send errors in words (R3, R9 and the validation rules), from the server's code. */
export function sendErrorText(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  switch (error.code) {
    case 'client_inactive':
      return `${error.message} (An inactive client cannot message providers; set the client active again to restore it.)`;
    case 'recipient_not_allowed':
      return `${error.message} Remove that recipient and try again.`;
    default:
      return error.message;
  }
}
