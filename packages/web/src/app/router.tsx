import type { QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, matchRoutes, type Params, type RouteObject } from 'react-router';
import { LoadingBlock } from '../components/Spinner';
import { ChoosePracticePage } from '../features/auth/ChoosePracticePage';
import { SignInPage } from '../features/auth/SignInPage';
import { meQuery } from '../session/session';
import { RouteError } from './RouteError';

/** Every page under a practice that needs a session. */
const SIGNED_IN_PATH = '/p/:slug/*';

// The sign-in page is in the first download; every other screen — the signed-in app with its
// live events and idle timer, the password pages — is fetched when it is first opened.
const SignedIn = lazy(() => import('./SignedIn').then((m) => ({ default: m.SignedIn })));
const ForgotPasswordPage = lazy(() =>
  import('../features/auth/ForgotPasswordPage').then((m) => ({ default: m.ForgotPasswordPage })),
);
const SetPasswordPage = lazy(() =>
  import('../features/auth/SetPasswordPage').then((m) => ({ default: m.SetPasswordPage })),
);

/**
 * A signed-in page's app, and how to start the data its first screen shows: `data` loads its
 * queries' code at once and starts them when `isTheirs` (once /api/me has answered: a staff
 * mailbox and a client's folders share query keys).
 */
interface FirstScreen {
  app: 'staff' | 'client';
  data?: (client: QueryClient, params: Params, isTheirs: Promise<boolean>) => Promise<void>;
}

const mailbox: FirstScreen['data'] = async (client, { folder = '' }, isTheirs) => {
  const { prefetchMailbox } = await import('../features/mailbox/mailbox-queries');
  if (await isTheirs) prefetchMailbox(client, folder);
};

const messages: FirstScreen['data'] = async (client, _, isTheirs) => {
  const { prefetchMessages } = await import('../features/portal/portal-queries');
  if (await isTheirs) prefetchMessages(client);
};

/**
 * Signed-in pages by their address under /p/:slug/ (the staff app's and the client portal's own
 * routes) whose app the address tells: these are one app's only (both have an "account").
 */
const firstScreens: RouteObject[] = [
  { path: 'mail/:folder', handle: { app: 'staff', data: mailbox } satisfies FirstScreen },
  ...['team/*', 'compose', 'threads/*', 'clients/*', 'saved-replies', 'admin/*'].map((path) => ({
    path,
    handle: { app: 'staff' } satisfies FirstScreen,
  })),
  { index: true, handle: { app: 'client' } satisfies FirstScreen },
  { path: 'messages/*', handle: { app: 'client', data: messages } satisfies FirstScreen },
];

// A failed download or answer is met again, and shown, when the page asks for it itself.
const warm = (load: Promise<unknown>) => void load.catch(() => undefined);

/**
 * Opening a signed-in page: starts at once what it will need — /api/me, the signed-in app's code
 * and, where the address tells, the staff app's or the client portal's, and the data its first
 * screen shows as soon as /api/me confirms who is signed in (a staff mailbox and a client's
 * folders share query keys) — rather than each after the one before has loaded and rendered.
 */
export function preloadSignedInPage(client: QueryClient, path: string): void {
  const page = matchRoutes(router.routes, path)?.at(-1);
  if (page?.route.path !== SIGNED_IN_PATH) return;
  const me = client.fetchQuery(meQuery);
  warm(me);
  warm(import('./SignedIn'));
  const [screen] = matchRoutes(firstScreens, `/${page.params['*'] ?? ''}`) ?? [];
  if (!screen) return;
  const { app, data } = screen.route.handle as FirstScreen;
  warm(app === 'staff' ? import('./StaffApp') : import('../features/portal/ClientPortal'));
  if (data)
    warm(
      data(
        client,
        screen.params,
        me.then(
          (answer) => answer?.user.kind === app && !answer.mfaEnrollmentRequired,
          () => false,
        ),
      ),
    );
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
        path: SIGNED_IN_PATH,
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
