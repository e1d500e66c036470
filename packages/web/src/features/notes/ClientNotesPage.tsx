import { NotesResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api, errorMessage, queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { ClientAccessReport } from '../access/ClientAccessReport';
import { ClientAgreementRecord } from '../agreement/ClientAgreementRecord';

/** "Dec 3, 2026, 9:14 AM EST": a note's time in the practice's time zone, like its transcript. */
function practiceTime(timeZone: string) {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}

/**
 * R16: a client's chart notes (their providers and admins), each with author, time and source
 * thread; below them, for the same people, the messaging agreement the client accepted (R43)
 * and the client's access report (R38).
 */
export function ClientNotesPage() {
  const { clientId = '' } = useParams();
  const me = useMe();
  const base = `/p/${me.practice.slug}`;
  useTitle('Chart notes');
  const notes = useQuery({
    queryKey: queryKeys.clientNotes(clientId),
    queryFn: () => api.get(`/api/clients/${encodeURIComponent(clientId)}/notes`, NotesResponse),
  });
  const time = practiceTime(me.practice.timeZone);
  return (
    <main id="main" className="page page-narrow">
      <h1>Chart notes{notes.data && `: ${notes.data.client.name}`}</h1>
      <p className="muted small">Times are in the practice’s time zone ({me.practice.timeZone.replace(/_/g, ' ')}).</p>
      {notes.isPending && <LoadingBlock label="Loading chart notes…" />}
      {notes.isError && (
        <div className="card">
          <EmptyState
            title="Chart notes could not be loaded"
            action={<Button onClick={() => void notes.refetch()}>Try again</Button>}
          >
            {errorMessage(notes.error)}
          </EmptyState>
        </div>
      )}
      {notes.data?.notes.length === 0 && (
        <div className="card">
          <EmptyState title="No chart notes yet">
            Use Quick Note on a message thread with this client to add one.
          </EmptyState>
        </div>
      )}
      <ol className="notes">
        {notes.data?.notes.map((note) => (
          <li key={note.id} className="card card-pad note">
            <div className="note-head">
              <strong>{note.author.name}</strong>
              <time className="muted small" dateTime={note.createdAt}>
                {time.format(new Date(note.createdAt))}
              </time>
              {note.threadId && (
                <Link to={`${base}/threads/${note.threadId}`} className="small">
                  Source message
                </Link>
              )}
            </div>
            <div className="note-content">{note.content}</div>
          </li>
        ))}
      </ol>
      <ClientAgreementRecord clientId={clientId} />
      <ClientAccessReport clientId={clientId} />
    </main>
  );
}
