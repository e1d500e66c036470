import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoadingBlock } from '../components/Spinner';
import { ChoosePracticePage } from '../features/auth/ChoosePracticePage';
import { SignInPage } from '../features/auth/SignInPage';
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
