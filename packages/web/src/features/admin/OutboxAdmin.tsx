import { errorMessage } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { longTime } from '../mailbox/format';
import { useOutbox, useStaff } from './admin-queries';

const tone = { pending: 'warning', sent: 'accent', failed: 'alert' } as const;

/** R21: email deliveries — state, attempts, last error; never content. */
export function OutboxAdmin() {
  const outbox = useOutbox();
  const staff = useStaff();
  useTitle('Email delivery');
  const names = new Map(staff.data?.map((member) => [member.id, member.name]) ?? []);
  const rows = outbox.data?.pages.flatMap((page) => page.deliveries) ?? [];
  return (
    <section aria-labelledby="outbox-title">
      <h1 id="outbox-title">Email delivery</h1>
      <p className="muted">
        Notification emails say only that a secure message is waiting. Failed deliveries are retried with a growing
        delay.
      </p>
      {outbox.isPending && <LoadingBlock />}
      {outbox.isError && <Alert>{errorMessage(outbox.error)}</Alert>}
      {outbox.data && rows.length === 0 && <EmptyState title="No emails sent yet" />}
      {rows.length > 0 && (
        <div className="table-wrap card">
          <table className="table">
            <caption className="visually-hidden">Email deliveries</caption>
            <thead>
              <tr>
                <th scope="col">Created</th>
                <th scope="col">Kind</th>
                <th scope="col">Recipient</th>
                <th scope="col">State</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last error</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <td>{longTime(row.createdAt)}</td>
                  <td>{row.kind.replace(/_/g, ' ')}</td>
                  <td>{row.recipientId ? (names.get(row.recipientId) ?? 'Client') : '—'}</td>
                  <td>
                    <Badge tone={tone[row.state]}>{row.state}</Badge>
                    {row.state === 'pending' && row.nextAttemptAt && (
                      <div className="muted small">next try {longTime(row.nextAttemptAt)}</div>
                    )}
                  </td>
                  <td>{row.attempts}</td>
                  <td className="small">{row.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {outbox.hasNextPage && (
        <div className="load-more">
          <Button isBusy={outbox.isFetchingNextPage} onClick={() => void outbox.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </section>
  );
}
