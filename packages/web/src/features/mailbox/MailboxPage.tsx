import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { errorMessage, type Folder } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { InboxIcon, PenIcon } from '../../components/icons';
import { LoadingBlock } from '../../components/Spinner';
import { useMe } from '../../session/session';
import { useUnreadCount } from '../../session/unread';
import { useTitle } from '../../session/use-title';
import { BulkBar } from './BulkBar';
import { CrisisPins } from './CrisisPins';
import { DraftList } from './DraftList';
import { FolderMenu, folders } from './FolderMenu';
import { useThreadList } from './mailbox-queries';
import { ThreadRow } from './ThreadRow';
import { SearchBox } from '../search/SearchBox';
import { SearchResults } from '../search/SearchResults';
import { rememberSearch, rememberedSearch } from '../search/search-queries';

const emptyText: Record<Folder, { title: string; text: string }> = {
  crisis: { title: 'No possible crisis', text: 'Threads flagged for words of crisis appear here until acknowledged.' },
  overdue: { title: 'Nothing overdue', text: 'Client messages past their reply-by time appear here.' },
  inbox: { title: 'Your inbox is clear', text: 'New messages from clients and colleagues will appear here.' },
  sent: { title: 'Nothing sent yet', text: 'Messages you send appear here, with every reply.' },
  archive: {
    title: 'No archived threads',
    text: 'Archive a thread to keep your inbox tidy; it comes back when someone replies.',
  },
};

/** The mailbox: folder menu on the right, the folder's threads with bulk actions on the left. */
export function MailboxPage() {
  const { folder = 'inbox' } = useParams();
  const me = useMe();
  const unread = useUnreadCount();
  const base = `/p/${me.practice.slug}`;
  const label = folders.find((item) => item.id === folder)?.label;
  const [q, setQ] = useState(() => rememberedSearch('staff'));
  const search = (text: string) => {
    rememberSearch('staff', text);
    setQ(text);
  };
  // Choosing a folder ends the search: the person asked for that folder's threads.
  const shownFolder = useRef(folder);
  useEffect(() => {
    if (shownFolder.current === folder) return;
    shownFolder.current = folder;
    rememberSearch('staff', '');
    setQ('');
  }, [folder]);
  useTitle(label ?? 'Messages');
  if (!label) return <Navigate to={`${base}/mail/inbox`} replace />;

  return (
    <div className="page mailbox">
      <main id="main" className="mailbox-main" tabIndex={-1}>
        <div className="mailbox-head">
          <h1>{label}</h1>
          <Link to={`${base}/compose`} className="btn btn-primary">
            <PenIcon />
            New message
          </Link>
        </div>
        <SearchBox value={q} onSearch={search} />
        {q ? (
          <SearchResults q={q} threadHref={(id) => `${base}/threads/${id}`} />
        ) : (
          <>
            {folder === 'inbox' && <CrisisPins base={base} meId={me.user.id} />}
            {folder === 'drafts' ? <DraftList /> : <ThreadList key={folder} folder={folder as Folder} />}
          </>
        )}
      </main>
      <aside className="mailbox-side">
        <FolderMenu base={base} unread={unread} />
      </aside>
    </div>
  );
}

function ThreadList({ folder }: { folder: Folder }) {
  const me = useMe();
  const list = useThreadList(folder);
  // An answer arriving re-renders at once (react-query's store updates are synchronous); the rows
  // are then built in a deferred render React can interrupt, not in one long task.
  const data = useDeferredValue(list.data);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const threads = data?.pages.flatMap((page) => page.threads) ?? [];
  const base = `/p/${me.practice.slug}`;

  if (list.isPending || (list.isSuccess && !data)) return <LoadingBlock label="Loading messages…" />;
  if (list.isError)
    return (
      <div className="card">
        <EmptyState
          title="Messages could not be loaded"
          action={<Button onClick={() => void list.refetch()}>Try again</Button>}
        >
          {errorMessage(list.error)}
        </EmptyState>
      </div>
    );

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = () =>
    setSelected((current) => (current.size === threads.length ? new Set() : new Set(threads.map((t) => t.id))));

  return (
    <div className="card thread-card">
      <BulkBar
        folder={folder}
        threads={threads}
        selected={selected}
        onToggleAll={toggleAll}
        onDone={() => setSelected(new Set())}
      />
      {threads.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title={emptyText[folder].title}>
          {emptyText[folder].text}
        </EmptyState>
      ) : (
        <ul className="thread-list" aria-label={`${folder} threads`}>
          {threads.map((thread) => (
            <ThreadRow
              key={thread.id}
              thread={thread}
              meId={me.user.id}
              href={`${base}/threads/${thread.id}`}
              isSelected={selected.has(thread.id)}
              onToggle={toggle}
            />
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <div className="load-more">
          <Button isBusy={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Load more
          </Button>
        </div>
      )}
    </div>
  );
}
