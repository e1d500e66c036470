import { useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api';
import { describeSendError } from './send-message';
import { discardOutgoing, retryOutgoing, type OutgoingMessage } from './outgoing-store';

/** "Sending…", "Sent", or "Not sent" with Retry — a message is never silently lost (R25). */
export function DeliveryStatus({ message }: { message: OutgoingMessage }) {
  const client = useQueryClient();
  if (message.state === 'sending') return <span className="portal-status is-sending">Sending…</span>;
  if (message.state === 'sent') return <span className="portal-status is-sent">Sent</span>;
  const retry = () =>
    retryOutgoing(message.localId, describeSendError, () => {
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
    });
  return (
    <span className="portal-status is-failed">
      <span>Not sent — </span>
      <button type="button" className="portal-link-button" onClick={retry}>
        Retry
      </button>
      <button type="button" className="portal-link-button" onClick={() => discardOutgoing(message.localId)}>
        Discard
      </button>
      {message.error && <span className="portal-status-reason">{message.error}</span>}
    </span>
  );
}
