import { Link } from 'react-router';
import type { ThreadSummary } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { errorMessage } from '../../api';
import { useAcknowledgeCrisis } from './alert-queries';
import { othersLabel } from './format';
import { useThreadList } from './mailbox-queries';

/**
 * R42: threads flagged "Possible crisis", pinned above the Inbox until a staff member
 * acknowledges them. Nothing shows while there are none.
 */
export function CrisisPins({ base, meId }: { base: string; meId: string }) {
  const list = useThreadList('crisis');
  const threads = list.data?.pages.flatMap((page) => page.threads) ?? [];
  if (threads.length === 0) return null;
  return (
    <section className="crisis-pins" aria-labelledby="crisis-pins-title">
      <h2 id="crisis-pins-title">Possible crisis — needs attention now</h2>
      <ul>
        {threads.map((thread) => (
          <CrisisPin key={thread.id} thread={thread} href={`${base}/threads/${thread.id}`} meId={meId} />
        ))}
      </ul>
    </section>
  );
}

function CrisisPin({ thread, href, meId }: { thread: ThreadSummary; href: string; meId: string }) {
  const acknowledge = useAcknowledgeCrisis(thread.id);
  return (
    <li className="crisis-pin">
      <Link to={href} className="crisis-pin-link">
        <span className="crisis-pin-people">{othersLabel(thread.participants, meId)}</span>
        <span className="crisis-pin-subject">{thread.subject}</span>
      </Link>
      <Button size="small" isBusy={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
        Acknowledge
      </Button>
      {acknowledge.isError && <Alert>{errorMessage(acknowledge.error)}</Alert>}
    </li>
  );
}
