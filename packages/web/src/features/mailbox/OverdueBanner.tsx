import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { useNoReplyNeeded } from './alert-queries';
import '../safety/safety.css';

/** R41: on an overdue thread, what the mark means and "No reply needed", which clears it (audited). */
export function OverdueBanner({ threadId }: { threadId: string }) {
  const handled = useNoReplyNeeded(threadId);
  return (
    <div className="overdue-banner" role="status">
      <p>
        <strong>Overdue.</strong> The client was promised a reply by now. Replying clears this mark; if the message
        needs no answer, say so.
      </p>
      <Button size="small" isBusy={handled.isPending} onClick={() => handled.mutate()}>
        No reply needed
      </Button>
      {handled.isError && <Alert>{errorMessage(handled.error)}</Alert>}
    </div>
  );
}
