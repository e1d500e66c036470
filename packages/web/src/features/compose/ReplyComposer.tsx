import type { ThreadDetail } from '../../api';
import { Composer } from './Composer';

/** The reply form under a thread: the composer without To and Subject. */
export function ReplyComposer({ thread, onDone }: { thread: ThreadDetail; onDone: () => void }) {
  return <Composer thread={thread} onSent={onDone} onClosed={onDone} />;
}
