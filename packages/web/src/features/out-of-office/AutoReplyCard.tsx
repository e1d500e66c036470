import type { AutoReply } from '@confide/api';
import { Badge } from '../../components/Badge';
import { useMe } from '../../session/session';
import { longTime } from '../mailbox/format';
import { autoReplyWords } from './AutoReplyBubble';
import './out-of-office.css';

/** R40: the practice's automatic reply as staff see it in the thread, where the client saw it. */
export function AutoReplyCard({ reply }: { reply: AutoReply }) {
  const me = useMe();
  return (
    <article className="auto-reply-card" aria-label={`Automatic reply from ${me.practice.name}`}>
      <header className="auto-reply-head">
        <strong>{me.practice.name}</strong>
        <Badge>Automatic reply</Badge>
        <time className="muted small" dateTime={reply.createdAt}>
          {longTime(reply.createdAt)}
        </time>
      </header>
      <p>{autoReplyWords(reply, me.practice.timeZone)}</p>
      {reply.note && <p>{reply.note}</p>}
    </article>
  );
}
