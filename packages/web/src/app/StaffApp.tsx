import { lazy, Suspense } from 'react';
import { NavLink, Navigate, Route, Routes } from 'react-router';
import { AppShell, EnvelopeButton } from '../components/AppShell';
import { Button } from '../components/Button';
import { LoadingBlock } from '../components/Spinner';
import { useSession } from '../session/session';
import { useUnreadCount } from '../session/unread';
import { MailboxPage } from '../features/mailbox/MailboxPage';
import { ThreadPage } from '../features/mailbox/ThreadPage';
import { TeamPage } from '../features/teams/TeamPage';

const ComposePage = lazy(() => import('../features/compose/ComposePage').then((m) => ({ default: m.ComposePage })));
const ClientNotesPage = lazy(() =>
  import('../features/notes/ClientNotesPage').then((m) => ({ default: m.ClientNotesPage })),
);
const StaffAccountPage = lazy(() =>
  import('../features/account/StaffAccountPage').then((m) => ({ default: m.StaffAccountPage })),
);
const SavedRepliesPage = lazy(() =>
  import('../features/saved-replies/SavedRepliesPage').then((m) => ({ default: m.SavedRepliesPage })),
);
const AdminPage = lazy(() => import('../features/admin/AdminPage').then((m) => ({ default: m.AdminPage })));

/** The staff side: the shell with the envelope and unread badge, and the mailbox/admin screens. */
export function StaffApp() {
  const { me, signOut } = useSession();
  const unread = useUnreadCount();
  const base = `/p/${me.practice.slug}`;
  return (
    <AppShell
      practiceName={me.practice.name}
      homeHref={`${base}/mail/inbox`}
      nav={
        <>
          <NavLink to={`${base}/mail/inbox`} className="shell-nav-link">
            Messages
          </NavLink>
          <NavLink to={`${base}/saved-replies`} className="shell-nav-link">
            Saved replies
          </NavLink>
          {me.user.admin && (
            <NavLink to={`${base}/admin`} className="shell-nav-link">
              Administration
            </NavLink>
          )}
        </>
      }
      actions={
        <>
          <EnvelopeButton href={`${base}/mail/inbox`} unread={unread} />
          <NavLink to={`${base}/account`} className="shell-user" title={`Your account (${me.user.email})`}>
            <span className="shell-user-name">{me.user.name}</span>
            <span className="shell-user-short">Account</span>
          </NavLink>
          <Button size="small" variant="ghost" onClick={() => void signOut()}>
            Sign out
          </Button>
        </>
      }
    >
      <Suspense fallback={<LoadingBlock />}>
        <Routes>
          <Route index element={<Navigate to={`${base}/mail/inbox`} replace />} />
          <Route path="mail/:folder" element={<MailboxPage />} />
          <Route path="team/:view" element={<TeamPage />} />
          <Route path="compose" element={<ComposePage />} />
          <Route path="threads/:threadId" element={<ThreadPage />} />
          <Route path="clients/:clientId/notes" element={<ClientNotesPage />} />
          <Route path="account" element={<StaffAccountPage />} />
          <Route path="saved-replies" element={<SavedRepliesPage />} />
          {me.user.admin && <Route path="admin/*" element={<AdminPage />} />}
          <Route path="*" element={<Navigate to={`${base}/mail/inbox`} replace />} />
        </Routes>
      </Suspense>
    </AppShell>
  );
}
