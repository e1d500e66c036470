import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useDeferredValue, useEffect, useMemo } from 'react';
import { Navigate, useParams } from 'react-router';
import { onUnauthenticated, queryKeys } from '../api';
import { LoadingBlock } from '../components/Spinner';
import { EmptyState } from '../components/EmptyState';
import { Button } from '../components/Button';
import { useSafetyToasts } from '../features/safety/use-safety-toasts';
import { useLiveEvents } from '../realtime/use-live-events';
import { IdleWatcher } from '../session/IdleWatcher';
import { hadSessionInThisTab, SessionContext, useMeQuery, useSignOut, type Session } from '../session/session';

// Split by who signs in: a client on a phone never downloads the staff app and its editor.
const ClientPortal = lazy(() => import('../features/portal/ClientPortal').then((m) => ({ default: m.ClientPortal })));
const StaffApp = lazy(() => import('./StaffApp').then((m) => ({ default: m.StaffApp })));
// Two-factor enrolment (with its QR code drawing) is needed once per person.
const MfaEnrolPage = lazy(() => import('../features/auth/MfaEnrolPage').then((m) => ({ default: m.MfaEnrolPage })));

/**
 * Everything under /p/:slug/ that needs a session: loads /api/me, sends the signed-out to the
 * sign-in page, enforces two-factor enrolment, keeps live events and the idle timer running,
 * then shows the staff app or the client portal.
 */
export function SignedIn() {
  const { slug = '' } = useParams();
  const client = useQueryClient();
  const meQuery = useMeQuery();
  const signOut = useSignOut(slug);
  // The answer re-renders this at once (react-query's store updates are synchronous); the whole
  // app under it is then mounted in a deferred render React can interrupt, not in one long task.
  const me = useDeferredValue(meQuery.data);

  useEffect(() => onUnauthenticated(() => client.setQueryData(queryKeys.me, null)), [client]);
  useLiveEvents(Boolean(me) && !me?.mfaEnrollmentRequired, useSafetyToasts());

  const session = useMemo<Session | null>(() => (me ? { me, signOut } : null), [me, signOut]);

  if (meQuery.isPending || (meQuery.data && !me)) return <LoadingBlock label="Opening your mailbox…" />;
  if (meQuery.isError)
    return (
      <main id="main" className="page">
        <EmptyState
          title="Confide could not be reached"
          action={<Button onClick={() => void meQuery.refetch()}>Try again</Button>}
        >
          Check your connection, then try again.
        </EmptyState>
      </main>
    );
  if (!me || !session) {
    const expired = hadSessionInThisTab();
    return <Navigate to={`/p/${slug}/sign-in${expired ? '?reason=expired' : ''}`} replace />;
  }
  if (me.practice.slug !== slug) return <Navigate to={`/p/${me.practice.slug}/`} replace />;

  return (
    <SessionContext.Provider value={session}>
      <IdleWatcher />
      <Suspense fallback={<LoadingBlock label="Opening your mailbox…" />}>
        {me.mfaEnrollmentRequired ? <MfaEnrolPage /> : me.user.kind === 'client' ? <ClientPortal /> : <StaffApp />}
      </Suspense>
    </SessionContext.Provider>
  );
}
