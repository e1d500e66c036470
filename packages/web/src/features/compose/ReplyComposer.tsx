import type { Person, ThreadDetail } from '../../api';
import { ColleagueReplyNote } from '../teams/ColleagueReplyNote';
import { Composer } from './Composer';

/**
 * The reply form under a thread: the composer without To and Subject, warned first when a
 * colleague replied after this person opened the thread (R46).
 */
export function ReplyComposer({
  thread,
  colleagueReplies = [],
  onDone,
}: {
  thread: ThreadDetail;
  colleagueReplies?: Person[];
  onDone: () => void;
}) {
  return (
    <>
      <ColleagueReplyNote people={colleagueReplies} />
      <Composer thread={thread} onSent={onDone} onClosed={onDone} />
    </>
  );
}
