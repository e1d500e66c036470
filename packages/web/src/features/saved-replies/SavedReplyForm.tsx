import { SAVED_REPLY_PLACEHOLDERS, type SavedReply, type SavedReplyScope } from '@confide/api';
import { useId, useState } from 'react';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Select, TextInput } from '../../components/Field';
import { Alert, useToast } from '../../components/Toast';
import { RichTextEditor } from '../compose/RichTextEditor';
import { useSavedReplyMutations } from './saved-replies-queries';

/** R45: add or change a saved reply — a title, the text with its placeholders, and (admins) whose it is. */
export function SavedReplyForm({
  reply,
  canChoosePractice,
  onClose,
}: {
  reply?: SavedReply;
  canChoosePractice: boolean;
  onClose: () => void;
}) {
  const toast = useToast();
  const { save } = useSavedReplyMutations();
  const [title, setTitle] = useState(reply?.title ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [scope, setScope] = useState<SavedReplyScope>(reply?.scope ?? 'personal');
  const formId = useId();
  const hintId = useId();
  const submit = () =>
    save.mutate(
      { id: reply?.id, scope, title, body },
      {
        onSuccess: () => {
          toast(reply ? 'Saved reply changed.' : 'Saved reply added.');
          onClose();
        },
      },
    );
  return (
    <Dialog
      title={reply ? 'Change saved reply' : 'New saved reply'}
      size="wide"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form={formId} isBusy={save.isPending}>
            Save
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
        <TextInput
          label="Title"
          required
          maxLength={100}
          hint="Only you and your colleagues see it, when choosing a reply."
          value={title}
          data-autofocus
          onChange={(event) => setTitle(event.target.value)}
        />
        {canChoosePractice && !reply && (
          <Select
            label="Who can use it"
            options={[
              { value: 'personal', label: 'Just me' },
              { value: 'practice', label: 'Everyone on staff (practice reply)' },
            ]}
            value={scope}
            onChange={(event) => setScope(event.target.value as SavedReplyScope)}
          />
        )}
        <div className="field">
          <span className="field-label">Text</span>
          <RichTextEditor
            initialHtml={reply?.body ?? ''}
            label="Text of the saved reply"
            describedBy={hintId}
            onChange={(html) => setBody(html)}
          />
          <p id={hintId} className="field-hint">
            Placeholders filled in when you insert it: {SAVED_REPLY_PLACEHOLDERS.join(', ')}.
          </p>
        </div>
      </form>
    </Dialog>
  );
}
