import { useMe } from '../../session/session';
import { formatReplyBy } from './reply-by';
import './safety.css';

/**
 * R39: the promise under a client's message. The client reads "Expect a reply by Thu, 5 pm";
 * staff read "Reply expected by Thu, 5 pm". Once the time has passed, both are told so.
 */
export function ReplyBy({ iso, audience }: { iso: string; audience: 'client' | 'staff' }) {
  const me = useMe();
  const when = formatReplyBy(iso, me.practice.timeZone);
  const isPast = new Date(iso).getTime() <= Date.now();
  const words =
    audience === 'client'
      ? isPast
        ? `A reply was expected by ${when}. The practice has been asked to follow up.`
        : `Expect a reply by ${when}`
      : isPast
        ? `Reply was expected by ${when}`
        : `Reply expected by ${when}`;
  return (
    <p className={isPast ? 'reply-by is-past' : 'reply-by'}>
      <time dateTime={iso}>{words}</time>
    </p>
  );
}
