import { useState } from 'react';
import { errorMessage, qs } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { longTime, roleLabel } from '../mailbox/format';
import { useAudit, useClients, useStaff } from './admin-queries';
import { auditFilterParams, noAuditFilters, type AuditFilterValues } from './audit-filters';
import { AuditFilters } from './AuditFilters';
import './audit-admin.css';

/** R32: the audit log a person can read — names, actions in words, filters, paging, CSV of the same. */
export function AuditAdmin() {
  const [filters, setFilters] = useState<AuditFilterValues>(noAuditFilters);
  const params = auditFilterParams(filters);
  const audit = useAudit(params);
  const staff = useStaff();
  const clients = useClients();
  useTitle('Audit log');
  const staffOptions = (staff.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const clientOptions = (clients.data ?? []).map((c) => ({ value: c.id, label: c.name }));
  const rows = audit.data?.pages.flatMap((page) => page.events) ?? [];
  return (
    <section aria-labelledby="audit-title">
      <div className="admin-head">
        <h1 id="audit-title">Audit log</h1>
        <a className="btn" href={`/api/admin/audit${qs({ format: 'csv', ...params })}`} download>
          Download CSV
        </a>
      </div>
      <p className="muted">
        Every sign-in, message, file, deletion and admin change: who, when, about which client, from where. The download
        holds the events that match the filters.
      </p>
      <AuditFilters
        values={filters}
        people={[...staffOptions, ...clientOptions]}
        clients={clientOptions}
        onChange={setFilters}
      />
      {audit.isPending && <LoadingBlock />}
      {audit.isError && <Alert>{errorMessage(audit.error)}</Alert>}
      {audit.data && rows.length === 0 && <EmptyState title="No events match these filters" />}
      {rows.length > 0 && (
        // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
        <div className="table-wrap card" role="region" aria-label="Audit events" tabIndex={0}>
          <table className="table audit-table">
            <caption className="visually-hidden">Audit events</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">Client</th>
                <th scope="col">From</th>
                <th scope="col">#</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((event) => (
                <tr key={event.id}>
                  <td className="nowrap">{longTime(event.at)}</td>
                  <td>
                    {event.actor ? (
                      <>
                        {event.actor.name}
                        <div className="small muted">{roleLabel(event.actor.role)}</div>
                      </>
                    ) : (
                      <span className="muted">{event.actorId ? 'Unknown person' : 'System'}</span>
                    )}
                  </td>
                  <td>
                    {event.label}
                    {event.label === event.action ? null : (
                      <div className="small muted">
                        <code>{event.action}</code>
                      </div>
                    )}
                  </td>
                  <td>{event.clients.map((c) => c.name).join(', ') || <span className="muted">—</span>}</td>
                  <td className="small">{event.ip ?? '—'}</td>
                  <td className="small muted">{event.seq}</td>
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
