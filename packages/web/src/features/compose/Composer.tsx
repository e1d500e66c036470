import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { errorMessage, queryKeys, type Draft, type ThreadDetail } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Alert, useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { othersLabel } from '../mailbox/format';
import { placeholderValues } from '../saved-replies/placeholder-values';
import { SavedReplyPicker } from '../saved-replies/SavedReplyPicker';
import { UnfilledNote } from '../saved-replies/UnfilledNote';
import { AttachmentList } from './AttachmentList';
import { ComposerFoot } from './ComposerFoot';
import { FIRST_SEND_TEXT, isAboutToSendFirst, rememberSent } from './first-send';
import { NewMessageFields, SUBJECT_MAX } from './NewMessageFields';
import type { Chosen } from './recipient-options';
import { RichTextEditor } from './RichTextEditor';
import { sendComposed, sendErrorText } from './send-composed';
import { saveStatusText, useDraftAutosave } from './use-draft-autosave';
import { useUploads } from './use-uploads';

/**
 * New message and reply share one screen (as the guide says): To, Subject, Body with its
 * toolbar, attachments and "Delete draft" bottom left, Send bottom right; saved as a draft
 * while typing.
 */
export function Composer({
  thread,
  draft,
  initialTo = [],
  onSent,
  onClosed,
}: {
  thread?: ThreadDetail;
  draft?: Draft;
  initialTo?: Chosen[];
  onSent: (threadId: string) => void;
  onClosed: () => void;
}) {
  const me = useMe();
  const client = useQueryClient();
  const toast = useToast();
  const isReply = Boolean(thread);
  const minBody = me.practice.minBodyLength;
  const [to, setTo] = useState<Chosen[]>(initialTo);
  const [subject, setSubject] = useState(draft?.subject ?? '');
  const [body, setBody] = useState(draft?.body ?? '');
  const [visible, setVisible] = useState(0);
  const [errors, setErrors] = useState<{ to?: string; subject?: string; body?: string; form?: string }>({});
  const [isSending, setIsSending] = useState(false);
  const [isConfirmingDiscard, setIsConfirmingDiscard] = useState(false);
  const uploads = useUploads(draft?.attachments ?? []);
  const [unfilled, setUnfilled] = useState<string[]>([]);
  const bodyHintId = useId();

  const recipients = to.map((item) => (item.kind === 'group' ? { group: item.id } : { userId: item.id }));
  const content = thread
    ? { threadId: thread.id, body, attachmentIds: uploads.attachmentIds }
    : { to: recipients, subject, body, attachmentIds: uploads.attachmentIds };
  const hasContent =
    visible > 0 || uploads.attachmentIds.length > 0 || (!isReply && (subject.trim() !== '' || to.length > 0));
  const autosave = useDraftAutosave(content, hasContent, draft?.id ?? null);

  const validate = () => {
    const next: typeof errors = {};
    if (!isReply && to.length === 0) next.to = 'Add at least one recipient.';
    if (!isReply && !subject.trim()) next.subject = 'A subject is required; every recipient sees it.';
    if (!isReply && subject.trim().length > SUBJECT_MAX)
      next.subject = `Keep the subject under ${SUBJECT_MAX} characters.`;
    if (visible < minBody) next.body = `Write at least ${minBody} characters (${visible} so far).`;
    if (uploads.isUploading) next.form = 'Wait for the attachments to finish uploading.';
    setErrors(next);
    return Object.keys(next).length === 0;
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!validate()) return;
    setIsSending(true);
    try {
      const isFirst = await isAboutToSendFirst(me.user.id);
      const draftId = autosave.draftId ? await autosave.flush() : null;
      autosave.close();
      const attachmentIds = uploads.attachmentIds;
      const threadId = await sendComposed(
        draftId
          ? { kind: 'draft', draftId }
          : thread
            ? { kind: 'reply', threadId: thread.id, body, attachmentIds }
            : { kind: 'new', to: recipients, subject: subject.trim(), body, attachmentIds },
      );
      rememberSent(me.user.id);
      toast(isFirst ? FIRST_SEND_TEXT : isReply ? 'Reply sent.' : 'Message sent.');
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.drafts });
      if (threadId) void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
      onSent(threadId);
    } catch (caught) {
      setErrors({ form: sendErrorText(caught) });
    } finally {
      setIsSending(false);
    }
  };

  const discard = async () => {
    try {
      await autosave.discard();
      setIsConfirmingDiscard(false);
      toast('Draft deleted.');
      onClosed();
    } catch (caught) {
      setErrors({ form: errorMessage(caught) });
    }
  };

  return (
    <form
      className="composer card"
      onSubmit={(event) => void send(event)}
      noValidate
      aria-label={isReply ? 'Reply' : 'New message'}
    >
      {isReply && thread ? (
        <div className="composer-reply-head">
          <div>
            <span className="muted">To: </span>
            {othersLabel(thread.participants, me.user.id, 8)}
          </div>
          <div className="muted small">Your reply goes to everyone in this thread.</div>
        </div>
      ) : (
        <NewMessageFields to={to} onTo={setTo} subject={subject} onSubject={setSubject} errors={errors} />
      )}

      <div className={`field${errors.body ? ' field-invalid' : ''}`}>
        <span className="field-label" id={`${bodyHintId}-label`}>
          {isReply ? 'Your reply' : 'Message'}
        </span>
        <RichTextEditor
          initialHtml={draft?.body ?? ''}
          label={isReply ? 'Your reply' : 'Message'}
          describedBy={bodyHintId}
          autoFocus={isReply}
          onChange={(html, count) => {
            setBody(html);
            setVisible(count);
          }}
          toolbarExtra={
            me.user.kind === 'staff'
              ? (editor) => (
                  <SavedReplyPicker
                    editor={editor}
                    values={placeholderValues(me, thread?.participants ?? to)}
                    onInserted={setUnfilled}
                  />
                )
              : undefined
          }
        />
        {/* Only while the placeholder is still in the text: replacing it ends the note. */}
        <UnfilledNote placeholders={unfilled.filter((placeholder) => body.includes(placeholder))} />
        <div id={bodyHintId} className={`field-hint body-count${visible >= minBody ? ' is-enough' : ''}`}>
          {visible >= minBody ? `${visible} characters` : `At least ${minBody} characters — ${visible} so far.`}
        </div>
        {errors.body && <div className="field-error">{errors.body}</div>}
      </div>

      <AttachmentList items={uploads.items} onRemove={uploads.remove} />
      {errors.form && <Alert>{errors.form}</Alert>}

      <ComposerFoot
        hintId={`${bodyHintId}-files`}
        hasDraft={Boolean(autosave.draftId)}
        status={saveStatusText(autosave.status, autosave.savedAt)}
        isSending={isSending}
        onFiles={uploads.add}
        onDiscard={() => (autosave.draftId ? setIsConfirmingDiscard(true) : onClosed())}
      />

      {isConfirmingDiscard && (
        <ConfirmDialog
          title="Delete this draft?"
          confirmLabel="Delete draft"
          onCancel={() => setIsConfirmingDiscard(false)}
          onConfirm={() => void discard()}
        >
          <p>The draft and its attachments will be deleted. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
