import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { useAcknowledgeCrisis } from './alert-queries';

/** R42: on a flagged thread, what the flag means and the acknowledgement that clears it. */
export function CrisisBanner({ threadId }: { threadId: string }) {
  const acknowledge = useAcknowledgeCrisis(threadId);
  return (
    <div className="crisis-banner" role="alert">
      <p>
        <strong>Possible crisis.</strong> A message from the client contains words of crisis. They were shown the 988
        Lifeline and 911. Read it and respond now; acknowledge once someone is on it.
      </p>
      <Button variant="primary" size="small" isBusy={acknowledge.isPending} onClick={() => acknowledge.mutate()}>
        Acknowledge
      </Button>
      {acknowledge.isError && <Alert>{errorMessage(acknowledge.error)}</Alert>}
    </div>
  );
}
