import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useDrafts } from '../mailbox/mailbox-queries';
import { ChatComposer } from './ChatComposer';
import { htmlToText } from './message-text';
import { deleteDraft, saveDraft, sendDraft } from './portal-drafts';
import { describeSendError, sendChatMessage } from './send-message';

/**
 * The reply field of a thread in the mail view: a reply can be saved as a draft (R7), is found
 * again here and in Drafts, and is sent or deleted from here.
 */
export function ReplyComposer({ threadId, minBodyLength }: { threadId: string; minBodyLength: number }) {
  const client = useQueryClient();
  const drafts = useDrafts();
  const [notice, setNotice] = useState<string | null>(null);
  if (drafts.isPending) return <LoadingBlock label="Loading your reply…" />;
  const draft = drafts.data?.find((d) => d.threadId === threadId);
  const kept = draft?.attachments ?? [];
  const fail = (error: unknown) => setNotice(describeSendError(error));
  const content = (text: string, files: typeof kept) => ({
    to: { threadId },
    subject: '',
    text,
    attachments: [...kept, ...files],
  });
  return (
    <>
      {notice && <Alert>{notice}</Alert>}
      {draft && (
        <div className="portal-reply-draft">
          <p>Your saved draft is in the text field below.</p>
          <Button
            size="small"
            onClick={() => void deleteDraft(client, draft.id).then(() => setNotice('Draft deleted.'), fail)}
          >
            Delete draft
          </Button>
        </div>
      )}
      <ChatComposer
        key={draft?.id ?? 'new'}
        minBodyLength={minBodyLength}
        label="Your reply"
        initialText={draft ? htmlToText(draft.body) : ''}
        onSaveDraft={(text, files) =>
          void saveDraft(client, draft?.id, content(text, files)).then(
            () => setNotice('Draft saved. It waits here and in Drafts.'),
            fail,
          )
        }
        onSend={(text, files) => {
          if (!draft) {
            sendChatMessage(client, `thread:${threadId}`, { threadId }, text, files);
            return;
          }
          void sendDraft(client, draft.id, content(text, files)).then(() => {
            setNotice(null);
            return client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
          }, fail);
        }}
      />
    </>
  );
}
