import { errorMessage } from '../../api';
import { Badge } from '../../components/Badge';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { longTime } from '../mailbox/format';
import { useClientAgreement } from './agreement-queries';
import './agreement.css';

/** R43, staff side: which versions of the messaging agreement this client accepted, and when. */
export function ClientAgreementRecord({ clientId }: { clientId: string }) {
  const record = useClientAgreement(clientId);
  const current = record.data?.current ?? null;
  const latest = record.data?.acceptances[0];
  return (
    <section aria-labelledby="client-agreement-title" className="agreement-record">
      <h2 id="client-agreement-title">Messaging agreement</h2>
      {record.isPending && <LoadingBlock label="Loading the agreement record…" />}
      {record.isError && (
        <div className="card">
          <EmptyState title="The agreement record could not be loaded">{errorMessage(record.error)}</EmptyState>
        </div>
      )}
      {record.data && !current && <p className="muted">The practice has not published a messaging agreement.</p>}
      {record.data && current && (
        <div className="card card-pad stack">
          <p className="row">
            {latest?.version === current.version ? (
              <Badge tone="accent">Accepted the current version</Badge>
            ) : (
              <Badge tone="warning">Has not accepted the current version</Badge>
            )}
            <span className="muted small">Current: version {current.version}</span>
          </p>
          {record.data.acceptances.length > 0 ? (
            <ul className="agreement-acceptances">
              {record.data.acceptances.map((acceptance) => (
                <li key={acceptance.version}>
                  Version {acceptance.version} accepted{' '}
                  <time dateTime={acceptance.acceptedAt}>{longTime(acceptance.acceptedAt)}</time>
                  <div className="muted small mono">Text hash (SHA-256): {acceptance.hash}</div>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No version accepted yet. The client is asked before their first message.</p>
          )}
        </div>
      )}
    </section>
  );
}
