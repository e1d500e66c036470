import type { AutoReply } from '@confide/api';
import { useMe } from '../../session/session';
import { formatMessageTime } from '../portal/format-time';
import { formatAwayMoment } from './away';

/** R40: what the automatic reply says — when the away person is back and who sees the message. */
export function autoReplyWords(reply: AutoReply, timeZone: string): string {
  return `${reply.awayName} is out of office until ${formatAwayMoment(reply.until, timeZone)}. ${reply.coveringName} will see your message meanwhile.`;
}

/**
 * R40: the practice's automatic reply in the client's chat. It comes from the practice, not from
 * the away person, so it sits on the left like a reply but is marked as automatic.
 */
export function AutoReplyBubble({ reply }: { reply: AutoReply }) {
  const me = useMe();
  return (
    <li className="portal-bubble-row is-theirs">
      <article className="portal-bubble portal-bubble-auto" aria-label={`Automatic reply from ${me.practice.name}`}>
        <div className="portal-bubble-sender">{me.practice.name} · Automatic reply</div>
        <div className="portal-bubble-body">
          <p>{autoReplyWords(reply, me.practice.timeZone)}</p>
          {reply.note && <p>{reply.note}</p>}
        </div>
      </article>
      <div className="portal-bubble-meta">
        <time dateTime={reply.createdAt}>{formatMessageTime(reply.createdAt)}</time>
      </div>
    </li>
  );
}
