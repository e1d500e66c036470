import { auditActionLabels } from '@confide/api';
import { errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { useAccessReport } from '../access/use-access-report';
import { longTime, roleLabel } from '../mailbox/format';

/**
 * R38, the client's side: which staff opened their messages, and when. Never an address, never
 * another client (R36); the client's own openings are not listed.
 */
export function OwnAccessReport() {
  const report = useAccessReport('me');
  const entries = report.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <section className="portal-panel" aria-labelledby="access-title">
      <h2 id="access-title" className="portal-section-title">
        Who has opened my messages
      </h2>
      <p>Each time someone at the practice opened one of your conversations or its files, newest first.</p>
      {report.isPending && <p className="muted">Loading…</p>}
      {report.isError && <p role="alert">{errorMessage(report.error)}</p>}
      {report.data && entries.length === 0 && <p className="muted">Nobody at the practice has opened them yet.</p>}
      {entries.length > 0 && (
        <ul className="access-list">
          {entries.map((entry, index) => (
            <li key={`${entry.at}-${entry.who.id}-${index}`}>
              <strong>{entry.who.name}</strong> <span className="muted">({roleLabel(entry.who.role)})</span>
              <div className="small">
                {auditActionLabels[entry.action]} on <time dateTime={entry.at}>{longTime(entry.at)}</time>
              </div>
            </li>
          ))}
        </ul>
      )}
      {report.hasNextPage && (
        <Button isBusy={report.isFetchingNextPage} onClick={() => void report.fetchNextPage()}>
          Show more
        </Button>
      )}
    </section>
  );
}
