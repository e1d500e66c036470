import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ThreadSummary } from '../../api';
import { Badge } from '../../components/Badge';
import { PaperclipIcon } from '../../components/icons';
import { coveringLabel } from '../out-of-office/CoveringNote';
import { assigneeLabel } from '../teams/assignee-label';
import { longTime, othersLabel, shortTime } from './format';

/**
 * R14: one thread in a list — checkbox, subject, the other people, time, unread and attachment
 * marks; "Covering for …" when the viewer sees it for an away colleague (R40); a team thread's
 * assignee (R46). Without `onToggle` the row has no checkbox; `action` stands at its end.
 */
export function ThreadRow({
  thread,
  meId,
  href,
  isSelected = false,
  onToggle,
  action,
}: {
  thread: ThreadSummary;
  meId: string;
  href: string;
  isSelected?: boolean;
  onToggle?: (id: string) => void;
  action?: ReactNode;
}) {
  const checkboxId = `select-${thread.id}`;
  return (
    <li className={`thread-row${thread.unread ? ' is-unread' : ''}${isSelected ? ' is-selected' : ''}`}>
      {onToggle && (
        <div className="thread-check">
          <input id={checkboxId} type="checkbox" checked={isSelected} onChange={() => onToggle(thread.id)} />
          <label htmlFor={checkboxId} className="visually-hidden">
            Select “{thread.subject}”
          </label>
        </div>
      )}
      <Link to={href} className="thread-link">
        <span className="thread-dot" aria-hidden="true" />
        <span className="thread-people">{othersLabel(thread.participants, meId)}</span>
        <span className="thread-subject">
          {thread.unread && <span className="visually-hidden">Unread: </span>}
          {thread.subject}
        </span>
        <span className="thread-meta">
          {thread.alerts?.includes('crisis') && <Badge tone="alert">Possible crisis</Badge>}
          {thread.alerts?.includes('overdue') && <Badge tone="warning">Overdue</Badge>}
          {thread.coveringFor && thread.coveringFor.length > 0 && <Badge>{coveringLabel(thread.coveringFor)}</Badge>}
          {thread.team && (
            <Badge tone={thread.team.assignee ? 'neutral' : 'accent'}>{assigneeLabel(thread.team, meId)}</Badge>
          )}
          {thread.hasAttachments && (
            <span className="thread-clip" title="Has attachments">
              <PaperclipIcon />
              <span className="visually-hidden">Has attachments</span>
            </span>
          )}
          <time dateTime={thread.lastMessageAt} title={longTime(thread.lastMessageAt)}>
            {shortTime(thread.lastMessageAt)}
          </time>
        </span>
      </Link>
      {action && <div className="thread-action">{action}</div>}
    </li>
  );
}
