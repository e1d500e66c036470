import { createBrowserRouter } from 'react-router';
import { ChoosePracticePage } from '../features/auth/ChoosePracticePage';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { SetPasswordPage } from '../features/auth/SetPasswordPage';
import { SignInPage } from '../features/auth/SignInPage';
import { RouteError } from './RouteError';
import { SignedIn } from './SignedIn';

/** Every page lives under its practice: /p/<slug>/… (never PHI in a URL). */
export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    children: [
      { path: '/', element: <ChoosePracticePage /> },
      { path: '/p/:slug/sign-in', element: <SignInPage /> },
      { path: '/p/:slug/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/p/:slug/reset-password', element: <SetPasswordPage mode="reset" /> },
      { path: '/p/:slug/invitation', element: <SetPasswordPage mode="invitation" /> },
      { path: '/p/:slug/*', element: <SignedIn /> },
      { path: '*', element: <ChoosePracticePage /> },
    ],
  },
]);
