import { LoginResponse } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, ApiError, errorMessage, queryKeys, setCsrfToken } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { LoadingBlock } from '../../components/Spinner';
import { fetchMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { canUsePasskeys, passkeyProblem, signInWithPasskey } from '../account/passkey-ceremonies';
import { AuthLayout } from './AuthLayout';
import { usePracticePublic } from './use-practice';

const reasons: Record<string, string> = {
  idle: 'You were signed out because there was no activity for a while. Sign in again to continue.',
  expired: 'Your session has ended. Sign in again to continue.',
  reset: 'Your password has been changed. Sign in with your new password.',
  invited: 'Your account is ready. Sign in with your new password.',
};

/** Staff whose only second factor is a passkey are told to use it (R53). */
function isPasskeyOnly(error: ApiError): boolean {
  const details = error.details as { method?: unknown } | undefined;
  return details?.method === 'passkey';
}

/**
 * Sign-in for one practice: email and password, then the two-factor code when asked — or a
 * passkey instead of both (R53).
 */
export function SignInPage() {
  const { slug = '' } = useParams();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const client = useQueryClient();
  const practice = usePracticePublic(slug);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totp, setTotp] = useState('');
  const [isMfaStep, setIsMfaStep] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  useTitle(isMfaStep ? 'Two-factor code' : 'Sign in');

  if (practice.isPending) return <LoadingBlock />;
  if (practice.isError)
    return (
      <AuthLayout title="Practice not found">
        <p>
          We could not find a practice at this address. Check the link in your email, or ask your practice for the right
          one.
        </p>
        <Link to="/">Choose a practice</Link>
      </AuthLayout>
    );

  const enter = async (result: LoginResponse) => {
    setCsrfToken(result.csrfToken);
    client.clear();
    const me = await fetchMe();
    client.setQueryData(queryKeys.me, me);
    await navigate(`/p/${slug}/`, { replace: true });
  };

  const passkeySignIn = async () => {
    setError(null);
    setIsBusy(true);
    try {
      await enter(await signInWithPasskey(slug));
    } catch (caught) {
      setError(passkeyProblem(caught) ?? errorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setIsBusy(true);
    try {
      const body = { practice: slug, email, password, ...(isMfaStep ? { totp: totp.replace(/\s/g, '') } : {}) };
      await enter(await api.post('/api/auth/login', body, LoginResponse));
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'mfa_required' && isPasskeyOnly(caught)) {
        setError(caught.message);
      } else if (caught instanceof ApiError && caught.code === 'mfa_required' && !isMfaStep) {
        setIsMfaStep(true);
      } else if (caught instanceof ApiError && caught.code === 'mfa_required') {
        setError('That code did not match. Enter the current 6-digit code from your authenticator app.');
      } else if (caught instanceof ApiError && caught.code === 'invalid_credentials') {
        setError(isMfaStep ? 'That code did not match. Try the newest code.' : 'The email or password is not right.');
      } else {
        setError(errorMessage(caught));
      }
    } finally {
      setIsBusy(false);
    }
  };

  const reason = reasons[search.get('reason') ?? ''];
  return (
    <AuthLayout practiceName={practice.data.practice.name} title={isMfaStep ? 'Enter your two-factor code' : 'Sign in'}>
      {reason && !error && <Alert tone="info">{reason}</Alert>}
      {error && <Alert>{error}</Alert>}
      <form onSubmit={(event) => void submit(event)} className="stack" noValidate={false}>
        {isMfaStep ? (
          <>
            <p>Open your authenticator app and enter the 6-digit code it shows for {practice.data.practice.name}.</p>
            <TextInput
              label="Two-factor code"
              name="totp"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]{6,7}"
              maxLength={7}
              required
              autoFocus
              value={totp}
              onChange={(event) => setTotp(event.target.value)}
            />
          </>
        ) : (
          <>
            <TextInput
              label="Email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
            <TextInput
              label="Password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </>
        )}
        <Button type="submit" variant="primary" isBusy={isBusy} className="btn-block">
          {isMfaStep ? 'Verify and sign in' : 'Sign in'}
        </Button>
      </form>
      {!isMfaStep && canUsePasskeys() && (
        <div className="passkey-choice">
          <Button className="btn-block" isBusy={isBusy} onClick={() => void passkeySignIn()}>
            Use a passkey
          </Button>
        </div>
      )}
      <div className="auth-links">
        {isMfaStep ? (
          <button
            type="button"
            className="link-button"
            onClick={() => (setIsMfaStep(false), setTotp(''), setError(null))}
          >
            Use a different account
          </button>
        ) : (
          <Link to={`/p/${slug}/forgot-password`}>Forgot your password?</Link>
        )}
      </div>
    </AuthLayout>
  );
}
