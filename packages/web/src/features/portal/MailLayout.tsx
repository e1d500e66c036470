import type { Folder } from '@confide/api';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { BulkBar } from '../mailbox/BulkBar';
import { PortalDrafts } from './PortalDrafts';
import { useFolder } from './portal-queries';
import { ThreadRows } from './ThreadRows';

type MailFolder = Folder | 'drafts';

const folders: { id: MailFolder; name: string }[] = [
  { id: 'inbox', name: 'Inbox' },
  { id: 'sent', name: 'Sent' },
  { id: 'drafts', name: 'Drafts' },
  { id: 'archive', name: 'Archive' },
];

/**
 * The staff side's mailbox for clients (R27, seed 000): Inbox, Sent, Drafts, Archive; checkboxes
 * for the actions at the top a client may take (R13: read, unread, archive, back to Inbox — never
 * delete, R19); each thread opens with replies.
 */
export function MailLayout({ base }: { base: string }) {
  const [params] = useSearchParams();
  const folder = folders.find((f) => f.id === params.get('folder'))?.id ?? 'inbox';
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
      {folder === 'drafts' ? <PortalDrafts base={base} /> : <FolderThreads key={folder} folder={folder} base={base} />}
    </div>
  );
}

const emptyText: Record<Folder, string> = {
  inbox: 'No Messages yet',
  sent: 'Nothing in Sent.',
  archive: 'Nothing in Archive.',
  crisis: '',
  overdue: '',
};

/** One folder's threads with their checkboxes; the selection is cleared after every action. */
function FolderThreads({ folder, base }: { folder: Folder; base: string }) {
  const query = useFolder(folder);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  if (query.isPending) return <LoadingBlock label="Loading messages…" />;
  if (query.error) return <Alert>Messages could not be loaded. Check your connection.</Alert>;
  const threads = query.data;
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <>
      <BulkBar
        folder={folder}
        threads={threads}
        selected={selected}
        canDelete={false}
        onToggleAll={() =>
          setSelected((current) => (current.size === threads.length ? new Set() : new Set(threads.map((t) => t.id))))
        }
        onDone={() => setSelected(new Set())}
      />
      <ThreadRows threads={threads} base={base} emptyText={emptyText[folder]} selected={selected} onToggle={toggle} />
    </>
  );
}
