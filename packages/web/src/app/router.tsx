import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoadingBlock } from '../components/Spinner';
import { ChoosePracticePage } from '../features/auth/ChoosePracticePage';
import { SignInPage } from '../features/auth/SignInPage';
import { meQuery } from '../session/session';
import { RouteError } from './RouteError';

// The sign-in page is in the first download; every other screen — the signed-in app with its
// live events and idle timer, the password pages — is fetched when it is first opened.
const SignedIn = lazy(() => import('./SignedIn').then((m) => ({ default: m.SignedIn })));
const ForgotPasswordPage = lazy(() =>
  import('../features/auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const SetPasswordPage = lazy(() =>
  import('../features/auth/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })),
);

const PUBLIC_PAGE = /^\/p\/[^/]+\/(sign-in|forgot-password|reset-password|invitation)\/?$/;
const STAFF_PAGE = /^\/(mail|team|compose|threads|clients|saved-replies|admin)(\/|$)/;
const CLIENT_PAGE = /^\/(messages(\/|$)|$)/;

/**
 * Opening a signed-in page: starts at once what it will need — /api/me, the signed-in app's code
 * and, where the address tells, the staff app's or the client portal's — rather than each after
 * the one before has loaded and rendered (two or three round trips fewer before the page shows).
 */
export function preloadSignedInPage(client: QueryClient, path: string): void {
  const match = /^\/p\/[^/]+(\/.*)?$/.exec(path);
  if (!match || PUBLIC_PAGE.test(path)) return;
  void client.prefetchQuery(meQuery);
  const rest = match[1] ?? '/';
  // A failed download is met again, and shown, when the page's lazy part asks for it.
  const warm = (load: Promise<unknown>) => void load.catch(() => undefined);
  warm(import('./SignedIn'));
  if (STAFF_PAGE.test(rest)) warm(import('./StaffApp'));
  else if (CLIENT_PAGE.test(rest)) warm(import('../features/portal/ClientPortal'));
}

function Loading({ label, children }: { label?: string; children: ReactNode }) {
  return <Suspense fallback={<LoadingBlock label={label} />}>{children}</Suspense>;
}

/** Every page lives under its practice: /p/<slug>/… (never PHI in a URL). */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <ChoosePracticePage /> },
      { path: '/p/:slug/sign-in', element: <SignInPage /> },
      {
        path: '/p/:slug/forgot-password',
        element: (
          <Loading>
            <ForgotPasswordPage />
          </Loading>
        ),
      },
      {
        path: '/p/:slug/reset-password',
        element: (
          <Loading>
            <SetPasswordPage mode="reset" />
          </Loading>
        ),
      },
      {
        path: '/p/:slug/invitation',
        element: (
          <Loading>
            <SetPasswordPage mode="invitation" />
          </Loading>
        ),
      },
      {
        path: '/p/:slug/*',
        element: (
          <Loading label="Opening your mailbox…">
            <SignedIn />
          </Loading>
        ),
      },
      { path: '*', element: <ChoosePracticePage /> },
    ],
  },
]);
