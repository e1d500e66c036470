import { teamNames, teamOfRole, TeamView, type Team } from '@confide/api';
import { Navigate, NavLink, useParams } from 'react-router';
import { errorMessage, type ThreadSummary } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { InboxIcon } from '../../components/icons';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useUnreadCount } from '../../session/unread';
import { useTitle } from '../../session/use-title';
import { FolderMenu } from '../mailbox/FolderMenu';
import { ThreadRow } from '../mailbox/ThreadRow';
import { useAssignThread, useTeamThreads } from './team-queries';
import './teams.css';

const views: { id: TeamView; label: string; empty: string }[] = [
  { id: 'unassigned', label: 'Unassigned', empty: 'Every conversation of the team has someone looking after it.' },
  { id: 'mine', label: 'Mine', empty: 'Take a conversation from Unassigned and it shows here.' },
  { id: 'all', label: 'All', empty: 'Messages clients write to the team appear here.' },
];

/** R46: the team's shared threads — Unassigned, Mine, All — with "Take it" on unassigned rows. */
export function TeamPage() {
  const me = useMe();
  const unread = useUnreadCount();
  const base = `/p/${me.practice.slug}`;
  const parsed = TeamView.safeParse(useParams().view);
  const team = teamOfRole(me.user.role);
  useTitle(team ? `${teamNames[team]} team` : 'Messages');
  if (!team) return <Navigate to={`${base}/mail/inbox`} replace />;
  if (!parsed.success) return <Navigate to={`${base}/team/unassigned`} replace />;
  const view = parsed.data;

  return (
    <div className="page mailbox">
      <main id="main" className="mailbox-main" tabIndex={-1}>
        <div className="mailbox-head">
          <h1>{teamNames[team]} team</h1>
        </div>
        <nav className="team-views" aria-label="Team view">
          {views.map((v) => (
            <NavLink key={v.id} to={`${base}/team/${v.id}`} className="team-view-link">
              {v.label}
            </NavLink>
          ))}
        </nav>
        <TeamThreadList key={view} team={team} view={view} />
      </main>
      <aside className="mailbox-side">
        <FolderMenu base={base} unread={unread} />
      </aside>
    </div>
  );
}

function TeamThreadList({ team, view }: { team: Team; view: TeamView }) {
  const me = useMe();
  const list = useTeamThreads(team, view);
  const base = `/p/${me.practice.slug}`;
  const threads = list.data?.pages.flatMap((page) => page.threads) ?? [];
  const label = views.find((v) => v.id === view)?.label ?? view;

  if (list.isPending) return <LoadingBlock label="Loading the team's messages…" />;
  if (list.isError)
    return (
      <div className="card">
        <EmptyState
          title="The team's messages could not be loaded"
          action={<Button onClick={() => void list.refetch()}>Try again</Button>}
        >
          {errorMessage(list.error)}
        </EmptyState>
      </div>
    );
  return (
    <div className="card thread-card">
      {threads.length === 0 ? (
        <EmptyState icon={<InboxIcon />} title={`Nothing in ${label}`}>
          {views.find((v) => v.id === view)?.empty}
        </EmptyState>
      ) : (
        <ul className="thread-list" aria-label={`${label} team threads`}>
          {threads.map((thread) => (
            <ThreadRow
              key={thread.id}
              thread={thread}
              meId={me.user.id}
              href={`${base}/threads/${thread.id}`}
              action={thread.team?.canAssign && !thread.team.assignee ? <TakeButton thread={thread} /> : undefined}
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

function TakeButton({ thread }: { thread: ThreadSummary }) {
  const me = useMe();
  const assign = useAssignThread(thread.id, null);
  return (
    <>
      <Button size="small" isBusy={assign.isPending} onClick={() => assign.mutate(me.user.id)}>
        Take it<span className="visually-hidden">: {thread.subject}</span>
      </Button>
      {assign.isError && <Alert>{errorMessage(assign.error)}</Alert>}
    </>
  );
}
