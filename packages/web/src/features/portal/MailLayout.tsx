import type { Folder } from '@confide/api';
import { Link, useSearchParams } from 'react-router';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useFolder } from './portal-queries';
import { ThreadRows } from './ThreadRows';

const folders: { id: Folder; name: string }[] = [
  { id: 'inbox', name: 'Inbox' },
  { id: 'sent', name: 'Sent' },
  { id: 'archive', name: 'Archive' },
];

/** The staff side's mailbox for clients (R27): Inbox, Sent, Archive; each thread opens with replies. */
export function MailLayout({ base }: { base: string }) {
  const [params] = useSearchParams();
  const folder = folders.find((f) => f.id === params.get('folder'))?.id ?? 'inbox';
  const query = useFolder(folder);
  return (
    <div className="portal-mail">
      <nav aria-label="Folders" className="portal-folders">
        {folders.map((f) => (
          <Link
            key={f.id}
            to={f.id === 'inbox' ? base : `${base}?folder=${f.id}`}
            className={f.id === folder ? 'portal-folder is-selected' : 'portal-folder'}
            aria-current={f.id === folder ? 'page' : undefined}
          >
            {f.name}
          </Link>
        ))}
      </nav>
      {query.isPending && <LoadingBlock label="Loading messages…" />}
      {query.error && <Alert>Messages could not be loaded. Check your connection.</Alert>}
      {query.data && (
        <ThreadRows
          threads={query.data}
          base={base}
          emptyText={folder === 'inbox' ? 'No Messages yet' : `Nothing in ${folder === 'sent' ? 'Sent' : 'Archive'}.`}
        />
      )}
    </div>
  );
}
