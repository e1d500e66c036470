import { auditActionLabels } from '@confide/api';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { longTime, roleLabel } from '../mailbox/format';
import { useAccessReport } from './use-access-report';
import './access.css';

/** R38, staff side: every opening of a thread with this client — who, role, when, from where. */
export function ClientAccessReport({ clientId }: { clientId: string }) {
  const report = useAccessReport(clientId);
  const entries = report.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section aria-labelledby="access-title" className="access-report">
      <h2 id="access-title">Access report</h2>
      <p className="muted">
        Everyone who opened a conversation with this client — read it, a file of it, or an export — newest first.
        Viewing it is audited.
      </p>
      {report.isPending && <LoadingBlock label="Loading the access report…" />}
      {report.isError && (
        <div className="card">
          <EmptyState title="The access report could not be loaded">{errorMessage(report.error)}</EmptyState>
        </div>
      )}
      {report.data && entries.length === 0 && (
        <div className="card">
          <EmptyState title="Nobody has opened a conversation with this client yet" />
        </div>
      )}
      {entries.length > 0 && (
        // Focusable, so a keyboard can scroll the table sideways on a narrow screen.
        <div
          className="table-wrap card"
          role="region"
          aria-label="Openings of conversations with this client"
          tabIndex={0}
        >
          <table className="table">
            <caption className="visually-hidden">Openings of conversations with this client</caption>
            <thead>
              <tr>
                <th scope="col">Who</th>
                <th scope="col">Role</th>
                <th scope="col">What</th>
                <th scope="col">When</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${entry.who.id}-${index}`}>
                  <td>{entry.who.name}</td>
                  <td>{roleLabel(entry.who.role)}</td>
                  <td>{auditActionLabels[entry.action]}</td>
                  <td className="nowrap">{longTime(entry.at)}</td>
                  <td className="small">{entry.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {report.hasNextPage && (
        <div className="load-more">
          <Button isBusy={report.isFetchingNextPage} onClick={() => void report.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </section>
  );
}
