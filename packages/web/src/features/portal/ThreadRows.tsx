import type { ThreadSummary } from '@confide/api';
import { Link } from 'react-router';
import { PaperclipIcon } from '../../components/icons';
import { useMe } from '../../session/session';
import { formatMessageTime } from './format-time';

/**
 * A compact mailbox list: subject, the other people, time, unread and attachment marks (R14);
 * in the mail view each row has a checkbox for the actions at the top (R13, seed 000).
 */
export function ThreadRows({
  threads,
  base,
  emptyText,
  selected,
  onToggle,
}: {
  threads: ThreadSummary[];
  base: string;
  emptyText: string;
  selected?: Set<string>;
  onToggle?: (id: string) => void;
}) {
  const me = useMe();
  if (threads.length === 0) return <p className="portal-timeline-empty">{emptyText}</p>;
  return (
    <ul className="portal-rows">
      {threads.map((t) => {
        const others = t.participants.filter((p) => p.id !== me.user.id).map((p) => p.name);
        return (
          <li key={t.id} className={selected ? 'portal-row-item has-check' : 'portal-row-item'}>
            {selected && onToggle && (
              <span className="portal-row-check">
                <input
                  id={`select-${t.id}`}
                  type="checkbox"
                  checked={selected.has(t.id)}
                  onChange={() => onToggle(t.id)}
                />
                <label htmlFor={`select-${t.id}`} className="visually-hidden">
                  Select “{t.subject}”
                </label>
              </span>
            )}
            <Link
              to={`${base}/thread/${encodeURIComponent(t.id)}`}
              className={t.unread ? 'portal-row is-unread' : 'portal-row'}
            >
              <span className="portal-row-top">
                <span className="portal-row-people">{others.join(', ') || 'Only you'}</span>
                <time dateTime={t.lastMessageAt} className="portal-row-time">
                  {formatMessageTime(t.lastMessageAt)}
                </time>
              </span>
              <span className="portal-row-subject">
                {t.unread && <span className="portal-unread-mark">Unread</span>}
                {t.subject}
                {t.hasAttachments && (
                  <span className="portal-row-clip" title="Has attachments">
                    <PaperclipIcon size={14} />
                    <span className="visually-hidden">, has attachments</span>
                  </span>
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
