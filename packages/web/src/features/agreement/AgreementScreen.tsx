import type { Agreement } from '@confide/api';
import { ApiError, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { longTime } from '../mailbox/format';
import { useAcceptAgreement } from './agreement-queries';
import { AgreementText } from './AgreementText';
import './agreement.css';

/**
 * R43: the messaging agreement a client reads and accepts before their first message, and again
 * when the practice publishes a new version. Until then, Messages shows this instead of the chat.
 */
export function AgreementScreen({
  agreement,
  hasAcceptedBefore,
}: {
  agreement: Agreement;
  hasAcceptedBefore: boolean;
}) {
  const accept = useAcceptAgreement();
  const changed = accept.error instanceof ApiError && accept.error.code === 'conflict';
  return (
    <section className="agreement-screen" aria-labelledby="agreement-title">
      <h2 id="agreement-title" className="agreement-title">
        Messaging agreement
      </h2>
      <p className="agreement-lead">
        {hasAcceptedBefore
          ? 'The practice has updated its messaging agreement. Please read it and accept it before you send your next message.'
          : 'Before you send your first message, please read how messaging works here and accept it.'}
      </p>
      <AgreementText text={agreement.text} />
      <p className="agreement-version muted small">
        Version {agreement.version}, published {longTime(agreement.publishedAt)}
      </p>
      {accept.isError && (
        <Alert>
          {changed
            ? 'The agreement changed while you were reading. The new version is shown above; please read it again.'
            : errorMessage(accept.error)}
        </Alert>
      )}
      <div className="agreement-actions">
        <Button
          variant="primary"
          className="portal-go"
          isBusy={accept.isPending}
          onClick={() => accept.mutate(agreement.version)}
        >
          I have read and accept the agreement
        </Button>
      </div>
    </section>
  );
}
