import { Link } from 'react-router';
import { useDrafts } from '../mailbox/mailbox-queries';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { formatMessageTime } from './format-time';

/** R7 for clients: the mail view's Drafts; a draft opens to be finished, sent or deleted. */
export function PortalDrafts({ base }: { base: string }) {
  const drafts = useDrafts();
  if (drafts.isPending) return <LoadingBlock label="Loading drafts…" />;
  if (drafts.error) return <Alert>Drafts could not be loaded. Check your connection.</Alert>;
  if (drafts.data.length === 0)
    return (
      <p className="portal-timeline-empty">No drafts. A message you save as a draft waits here until you send it.</p>
    );
  return (
    <ul className="portal-rows" aria-label="Drafts">
      {drafts.data.map((draft) => {
        return (
          <li key={draft.id}>
            <Link
              to={draft.threadId ? `${base}/thread/${encodeURIComponent(draft.threadId)}` : `${base}/new`}
              state={draft.threadId ? undefined : { draftId: draft.id }}
              className="portal-row"
            >
              <span className="portal-row-top">
                <span className="portal-row-people">
                  {draft.toNames.length ? `To ${draft.toNames.join(', ')}` : 'Reply'}
                </span>
                <time dateTime={draft.updatedAt} className="portal-row-time">
                  {formatMessageTime(draft.updatedAt)}
                </time>
              </span>
              <span className="portal-row-subject">
                <span className="portal-draft-mark">Draft</span>
                {draft.subject || '(no subject)'}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
