import { Link } from 'react-router';
import { errorMessage } from '../../api';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { longTime } from '../mailbox/format';
import { useRetention } from './admin-queries';

const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'long' });

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** R51: the practice's retention period and, before it runs, what the next daily run will destroy. */
export function RetentionAdmin() {
  const me = useMe();
  const retention = useRetention();
  useTitle('Retention');
  const settingsLink = <Link to={`/p/${me.practice.slug}/admin/settings`}>Practice settings</Link>;
  const data = retention.data;
  return (
    <section aria-labelledby="retention-title" className="retention">
      <h1 id="retention-title">Retention</h1>
      {retention.isPending && <LoadingBlock />}
      {retention.isError && <Alert>{errorMessage(retention.error)}</Alert>}
      {data && (
        <>
          <p>
            {data.retentionYears === null ? (
              <>Messages are kept for ever. Nothing is destroyed by age; you can set a period in {settingsLink}.</>
            ) : (
              <>
                Messages are kept for <strong>{plural(data.retentionYears, 'year', 'years')}</strong> after a
                conversation&apos;s last message; change it in {settingsLink}.
              </>
            )}
          </p>
          <div className="card card-pad stack">
            <h2 className="retention-heading">Next run</h2>
            <dl className="retention-facts">
              <dt>Runs</dt>
              <dd>{longTime(data.nextRunAt)}</dd>
              {data.cutoff && (
                <>
                  <dt>Removes</dt>
                  <dd>Conversations with no message since {longTime(data.cutoff)}</dd>
                </>
              )}
              <dt>Conversations</dt>
              <dd>{data.threads.toLocaleString()}</dd>
              <dt>Messages</dt>
              <dd>{data.messages.toLocaleString()}</dd>
              <dt>Files</dt>
              <dd>{data.attachments.toLocaleString()}</dd>
              {data.oldestActivity && data.newestActivity && (
                <>
                  <dt>Last active</dt>
                  <dd>
                    {day.format(new Date(data.oldestActivity))} to {day.format(new Date(data.newestActivity))}
                  </dd>
                </>
              )}
            </dl>
            {data.threads > 0 ? (
              <Alert tone="warning">
                The next run destroys {plural(data.threads, 'conversation', 'conversations')} for everyone, with their
                files. They cannot be recovered.
              </Alert>
            ) : (
              <p className="muted">The next run removes nothing.</p>
            )}
          </div>
          <p className="muted small">
            Destroyed conversations disappear from every participant&apos;s view. The audit log keeps that each was
            destroyed and when — never what it said — and audit entries are kept at least six years.
          </p>
        </>
      )}
    </section>
  );
}
