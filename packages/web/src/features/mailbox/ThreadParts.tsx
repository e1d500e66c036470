import { Link, useNavigate } from 'react-router';
import { errorMessage, type ThreadDetail } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { roleLabel } from './format';
import type { usePatchThread } from './mailbox-queries';

/** A thread that cannot be shown: gone or never the viewer's (404), or failed to load. */
export function ThreadUnavailable({ isGone, error, base }: { isGone: boolean; error: unknown; base: string }) {
  return (
    <main id="main" className="page page-narrow">
      <div className="card">
        <EmptyState
          title={isGone ? 'This message is not available' : 'The message could not be loaded'}
          action={
            <Link to={`${base}/mail/inbox`} className="btn">
              Back to Inbox
            </Link>
          }
        >
          {isGone ? 'It may have been deleted, or it was not sent to you.' : errorMessage(error)}
        </EmptyState>
      </div>
    </main>
  );
}

/** Back, Mark unread (R11) and Archive / Move to Inbox (R13) for the open thread. */
export function ThreadToolbar({ thread, patch }: { thread: ThreadDetail; patch: ReturnType<typeof usePatchThread> }) {
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const base = `/p/${me.practice.slug}`;
  return (
    <div className="thread-toolbar">
      <Link to={`${base}/mail/${thread.archived ? 'archive' : 'inbox'}`} className="btn btn-ghost btn-small">
        ← Back
      </Link>
      <span className="spacer" />
      <Button
        size="small"
        isBusy={patch.isPending && patch.variables?.read === false}
        onClick={() => patch.mutate({ read: false }, { onSuccess: () => void navigate(`${base}/mail/inbox`) })}
      >
        Mark unread
      </Button>
      <Button
        size="small"
        onClick={() =>
          patch.mutate(
            { archived: !thread.archived },
            { onSuccess: () => toast(thread.archived ? 'Moved to Inbox.' : 'Archived.') },
          )
        }
      >
        {thread.archived ? 'Move to Inbox' : 'Archive'}
      </Button>
    </div>
  );
}

/** The subject and everyone in the thread with their role; a client links to their chart notes for those who may read them (R16). */
export function ThreadHeader({ thread }: { thread: ThreadDetail }) {
  const me = useMe();
  const base = `/p/${me.practice.slug}`;
  const canSeeNotes = me.user.role === 'provider' || me.user.admin;
  return (
    <header className="thread-header card card-pad">
      <h1 className="thread-title">{thread.subject}</h1>
      <ul className="participants" aria-label="People in this thread">
        {thread.participants.map((person) => (
          <li key={person.id}>
            <span>{person.id === me.user.id ? `${person.name} (you)` : person.name}</span>{' '}
            <Badge tone={person.kind === 'client' ? 'warning' : 'neutral'}>{roleLabel(person.role)}</Badge>
            {person.kind === 'client' && canSeeNotes && (
              <Link to={`${base}/clients/${person.id}/notes`} className="small participant-notes">
                Chart notes
              </Link>
            )}
          </li>
        ))}
      </ul>
    </header>
  );
}
