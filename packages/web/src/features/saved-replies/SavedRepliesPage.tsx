import type { SavedReply } from '@confide/api';
import { useState } from 'react';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { SavedReplyForm } from './SavedReplyForm';
import { useSavedReplies, useSavedReplyMutations } from './saved-replies-queries';
import './saved-replies.css';

/** R45: the staff member's own saved replies, and the practice's (changed by admins only). */
export function SavedRepliesPage() {
  const me = useMe();
  const toast = useToast();
  useTitle('Saved replies');
  const replies = useSavedReplies();
  const { remove } = useSavedReplyMutations();
  const [editing, setEditing] = useState<SavedReply | 'new' | null>(null);
  const [deleting, setDeleting] = useState<SavedReply | null>(null);
  if (replies.isPending) return <LoadingBlock />;
  if (replies.isError) return <Alert>{errorMessage(replies.error)}</Alert>;
  const own = replies.data.filter((r) => r.scope === 'personal');
  const practice = replies.data.filter((r) => r.scope === 'practice');
  const list = (items: SavedReply[], empty: string) =>
    items.length === 0 ? (
      <p className="muted">{empty}</p>
    ) : (
      <ul className="saved-reply-list">
        {items.map((reply) => (
          <li key={reply.id} className="card card-pad saved-reply-item">
            <div className="saved-reply-item-head">
              <h3 className="saved-reply-choice-title">{reply.title}</h3>
              {reply.canEdit && (
                <div className="saved-reply-item-actions">
                  <Button size="small" onClick={() => setEditing(reply)} aria-label={`Edit ${reply.title}`}>
                    Edit
                  </Button>
                  <Button
                    size="small"
                    variant="ghost"
                    className="btn-danger-text"
                    onClick={() => setDeleting(reply)}
                    aria-label={`Delete ${reply.title}`}
                  >
                    Delete
                  </Button>
                </div>
              )}
            </div>
            {/* Sanitized on the server with the message allow-list (R5). */}
            <div className="rich-text" dangerouslySetInnerHTML={{ __html: reply.body }} />
          </li>
        ))}
      </ul>
    );
  return (
    <section aria-labelledby="saved-replies-title">
      <div className="saved-replies-section-head">
        <h1 id="saved-replies-title">Saved replies</h1>
        <Button variant="primary" onClick={() => setEditing('new')}>
          New saved reply
        </Button>
      </div>
      <p className="muted">
        Insert one from the message editor's toolbar. {'{client.firstName}'}, {'{staff.name}'} and {'{practice.name}'}{' '}
        are filled in as it goes in. Clients never see this page.
      </p>
      <section className="saved-replies-section" aria-labelledby="own-replies">
        <h2 id="own-replies">Yours</h2>
        {list(own, 'You have no saved replies of your own yet.')}
      </section>
      <section className="saved-replies-section" aria-labelledby="practice-replies">
        <h2 id="practice-replies">Practice</h2>
        <p className="muted small">
          {me.user.admin
            ? 'Everyone on staff can insert these. As an administrator you add and change them.'
            : "Everyone on staff can insert these; the practice's administrators keep them."}
        </p>
        {list(practice, 'The practice has no saved replies yet.')}
      </section>
      {editing && (
        <SavedReplyForm
          reply={editing === 'new' ? undefined : editing}
          canChoosePractice={me.user.admin}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title="Delete this saved reply?"
          confirmLabel="Delete"
          onCancel={() => setDeleting(null)}
          onConfirm={() =>
            remove.mutate(deleting.id, {
              onSuccess: () => {
                toast('Saved reply deleted.');
                setDeleting(null);
              },
            })
          }
        >
          <p>
            “{deleting.title}” will be deleted{deleting.scope === 'practice' ? ' for everyone on staff' : ''}.
          </p>
          {remove.isError && <Alert>{errorMessage(remove.error)}</Alert>}
        </ConfirmDialog>
      )}
    </section>
  );
}
