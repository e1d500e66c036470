import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { longTime } from '../mailbox/format';
import { useAudit, useStaff } from './admin-queries';

/** R32: the audit log (ids only, never content), with the whole log as CSV. */
export function AuditAdmin() {
  const audit = useAudit();
  const staff = useStaff();
  useTitle('Audit log');
  const names = new Map(staff.data?.map((member) => [member.id, member.name]) ?? []);
  const rows = audit.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <div className="admin-head">
        <h1 id="audit-title">Audit log</h1>
        <a className="btn" href="/api/admin/audit?format=csv" download>
          Download CSV
        </a>
      </div>
      <p className="muted">
        Every sign-in, message, file, deletion and admin change: who, when, which records, from where.
      </p>
      {audit.isPending && <LoadingBlock />}
      {audit.isError && <Alert>{errorMessage(audit.error)}</Alert>}
      {audit.data && rows.length === 0 && <EmptyState title="No events yet" />}
      {rows.length > 0 && (
        <div className="table-wrap card">
          <table className="table">
            <caption className="visually-hidden">Audit events</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Records</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td>{event.seq}</td>
                  <td className="nowrap">{longTime(event.at)}</td>
                  <td>{event.actorId ? (names.get(event.actorId) ?? event.actorId.slice(0, 8)) : '—'}</td>
                  <td>
                    <code>{event.action}</code>
                  </td>
                  <td className="small ids">
                    {Object.entries(event.targets).map(([key, value]) => (
                      <div key={key}>
                        {key}: <code>{value.slice(0, 13)}</code>
                      </div>
                    ))}
                  </td>
                  <td className="small">{event.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <div className="load-more">
          <Button isBusy={audit.isFetchingNextPage} onClick={() => void audit.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </section>
  );
}
