import type { AttachmentInfo, Person } from '@confide/api';
import type { ReactNode } from 'react';
import { AttachmentList } from './AttachmentList';
import { formatTimeOfDay } from './format-time';

/**
 * One message in the chat. The client's own messages sit right in grey; everyone else's are the
 * client guide's green bubbles on the left. `html` is the server's sanitized body (R5).
 */
export function ChatBubble({
  isMine,
  sender,
  html,
  text,
  createdAt,
  attachments,
  status,
  note,
}: {
  isMine: boolean;
  sender: Person | null;
  html?: string;
  text?: string;
  createdAt: string;
  attachments: AttachmentInfo[];
  status?: ReactNode;
  /** A line under the bubble, such as when a reply can be expected (R39). */
  note?: ReactNode;
}) {
  return (
    <li className={isMine ? 'portal-bubble-row is-mine' : 'portal-bubble-row is-theirs'}>
      <article className={isMine ? 'portal-bubble portal-bubble-mine' : 'portal-bubble portal-bubble-theirs'}>
        <h3 className="visually-hidden">{isMine ? 'You wrote' : `${sender?.name ?? 'Someone'} wrote`}</h3>
        {!isMine && sender && <div className="portal-bubble-sender">{sender.name}</div>}
        {html !== undefined ? (
          <div className="portal-bubble-body" dangerouslySetInnerHTML={{ __html: html }} />
        ) : (
          <div className="portal-bubble-body portal-bubble-text">{text}</div>
        )}
        <AttachmentList attachments={attachments} />
      </article>
      <div className="portal-bubble-meta">
        <time dateTime={createdAt}>{formatTimeOfDay(createdAt)}</time>
        {status}
      </div>
      {note}
    </li>
  );
}
