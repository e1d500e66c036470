import { DraftResponse, SentDraftResponse } from '@confide/api';
import type { AttachmentInfo, Recipient } from '@confide/api';
import type { QueryClient } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';
import { textToHtml } from './message-text';

/** Whom a client's draft is for: one person, or a team (R46). */
export type DraftTo = Exclude<Recipient, { group: unknown }>;

/** What the mail view's new message holds when it is saved as a draft or sent from one (R7). */
export interface DraftContent {
  /** A new message's recipient, or the thread a reply goes to. */
  to: DraftTo | { threadId: string };
  subject: string;
  text: string;
  attachments: AttachmentInfo[];
}

function draftBody(content: DraftContent) {
  return {
    ...('threadId' in content.to ? { threadId: content.to.threadId } : { to: [content.to] }),
    subject: content.subject.trim() || undefined,
    body: textToHtml(content.text),
    attachmentIds: content.attachments.map((a) => a.id),
  };
}

/** Creates the draft, or updates it when it exists; the Drafts folder follows. */
export async function saveDraft(client: QueryClient, draftId: string | undefined, content: DraftContent) {
  const saved = draftId
    ? await api.put(`/api/drafts/${encodeURIComponent(draftId)}`, draftBody(content), DraftResponse)
    : await api.post('/api/drafts', draftBody(content), DraftResponse);
  await client.invalidateQueries({ queryKey: queryKeys.drafts });
  return saved.draft;
}

/** Saves the last words into the draft and sends it; answers the new thread's id. */
export async function sendDraft(client: QueryClient, draftId: string, content: DraftContent): Promise<string> {
  await saveDraft(client, draftId, content);
  const sent = await api.post(`/api/drafts/${encodeURIComponent(draftId)}/send`, undefined, SentDraftResponse);
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.drafts }),
    client.invalidateQueries({ queryKey: queryKeys.allThreads }),
  ]);
  return 'thread' in sent ? sent.thread.id : sent.message.threadId;
}

/** "Delete draft": the draft and its attachments are gone (R7). */
export async function deleteDraft(client: QueryClient, draftId: string) {
  await api.delete(`/api/drafts/${encodeURIComponent(draftId)}`);
  await client.invalidateQueries({ queryKey: queryKeys.drafts });
}
