import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { PenIcon } from '../../components/icons';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { longTime, shortTime } from './format';
import { useDrafts } from './mailbox-queries';

/** R7: the Drafts folder; a draft opens in the composer to be finished, sent or deleted. */
export function DraftList() {
  const me = useMe();
  const drafts = useDrafts();
  if (drafts.isPending) return <LoadingBlock label="Loading drafts…" />;
  if (drafts.isError)
    return (
      <div className="card">
        <EmptyState
          title="Drafts could not be loaded"
          action={<Button onClick={() => void drafts.refetch()}>Try again</Button>}
        >
          {errorMessage(drafts.error)}
        </EmptyState>
      </div>
    );
  if (drafts.data.length === 0)
    return (
      <div className="card">
        <EmptyState icon={<PenIcon />} title="No drafts">
          Messages you start are saved here as you type, until you send them.
        </EmptyState>
      </div>
    );
  return (
    <div className="card thread-card">
      <ul className="thread-list" aria-label="Drafts">
        {drafts.data.map((draft) => (
          <li key={draft.id} className="thread-row">
            <Link to={`/p/${me.practice.slug}/compose?draft=${draft.id}`} className="thread-link thread-link-draft">
              <span className="thread-people">
                {draft.toNames.length
                  ? `To ${draft.toNames.join(', ')}`
                  : draft.threadId
                    ? 'Reply'
                    : 'No recipients yet'}
              </span>
              <span className="thread-subject">{draft.subject || '(no subject)'}</span>
              <span className="thread-meta">
                <span className="badge badge-warning">Draft</span>
                <time dateTime={draft.updatedAt} title={longTime(draft.updatedAt)}>
                  {shortTime(draft.updatedAt)}
                </time>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
