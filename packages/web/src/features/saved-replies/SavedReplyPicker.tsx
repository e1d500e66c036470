import type { Editor } from '@tiptap/react';
import { fillPlaceholders, type PlaceholderValues, type SavedReply } from '@confide/api';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useSavedReplies } from './saved-replies-queries';
import './saved-replies.css';

/**
 * R45: the editor toolbar's "Saved replies": pick one and it is inserted where the cursor was,
 * placeholders filled. `onInserted` hears which placeholders could not be filled.
 */
export function SavedReplyPicker({
  editor,
  values,
  onInserted,
}: {
  editor: Editor;
  values: PlaceholderValues;
  onInserted: (unfilled: string[]) => void;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const insert = (reply: SavedReply) => {
    const { html, unfilled } = fillPlaceholders(reply.body, values);
    setIsOpen(false);
    // After the dialog has handed focus back, so the text lands in the editor and the cursor follows it.
    requestAnimationFrame(() => {
      editor.chain().focus().insertContent(html).run();
      onInserted(unfilled);
    });
  };
  return (
    <>
      <button
        type="button"
        className="tool tool-saved-replies"
        aria-haspopup="dialog"
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setIsOpen(true)}
      >
        Saved replies
      </button>
      {isOpen && <PickerDialog onPick={insert} onClose={() => setIsOpen(false)} />}
    </>
  );
}

function PickerDialog({ onPick, onClose }: { onPick: (reply: SavedReply) => void; onClose: () => void }) {
  const me = useMe();
  const replies = useSavedReplies();
  const groups = [
    { title: 'Yours', items: replies.data?.filter((r) => r.scope === 'personal') ?? [] },
    { title: 'Practice', items: replies.data?.filter((r) => r.scope === 'practice') ?? [] },
  ].filter((g) => g.items.length > 0);
  return (
    <Dialog
      title="Insert a saved reply"
      size="wide"
      onClose={onClose}
      footer={<Button onClick={onClose}>Cancel</Button>}
    >
      {replies.isPending && <LoadingBlock label="Loading saved replies…" />}
      {replies.isError && <Alert>{errorMessage(replies.error)}</Alert>}
      {replies.data && groups.length === 0 && (
        <p>
          No saved replies yet. <Link to={`/p/${me.practice.slug}/saved-replies`}>Add them under Saved replies</Link>.
        </p>
      )}
      {groups.map((group) => (
        <section key={group.title} className="saved-reply-group" aria-label={`${group.title} saved replies`}>
          <h3 className="saved-reply-group-title">{group.title}</h3>
          <ul className="saved-reply-choices">
            {group.items.map((reply) => (
              <li key={reply.id}>
                <button type="button" className="saved-reply-choice" onClick={() => onPick(reply)}>
                  <span className="saved-reply-choice-title">{reply.title}</span>
                  {/* Sanitized on the server with the message allow-list (R5). */}
                  <span className="saved-reply-preview rich-text" dangerouslySetInnerHTML={{ __html: reply.body }} />
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Dialog>
  );
}
