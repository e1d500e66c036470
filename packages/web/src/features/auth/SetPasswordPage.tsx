import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { AuthLayout } from './AuthLayout';
import { tokenFromHash, usePracticePublic } from './use-practice';

const MIN_PASSWORD = 12;

/** Choosing a password from an emailed one-time link: accepting an invitation, or a reset. */
export function SetPasswordPage({ mode }: { mode: 'invitation' | 'reset' }) {
  const { slug = '' } = useParams();
  const navigate = useNavigate();
  const practice = usePracticePublic(slug);
  const [token] = useState(tokenFromHash);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isInvite = mode === 'invitation';
  useTitle(isInvite ? 'Accept invitation' : 'Choose a new password');

  const tooShort = password.length > 0 && password.length < MIN_PASSWORD;
  const mismatch = confirm.length > 0 && confirm !== password;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (password.length < MIN_PASSWORD) return setError(`Use at least ${MIN_PASSWORD} characters.`);
    if (password !== confirm) return setError('The two passwords are not the same.');
    setIsBusy(true);
    try {
      const path = isInvite ? '/api/auth/invitation/accept' : '/api/auth/password-reset/confirm';
      await api.post(path, { token, password });
      // The link is used up; drop it from the address bar and history.
      window.history.replaceState(null, '', window.location.pathname);
      await navigate(`/p/${slug}/sign-in?reason=${isInvite ? 'invited' : 'reset'}`, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.code === 'invalid_token')
        setError('This link has expired or was already used. Ask for a new one.');
      else setError(errorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  };

  const title = isInvite ? 'Welcome — choose your password' : 'Choose a new password';
  if (!token)
    return (
      <AuthLayout practiceName={practice.data?.practice.name} title={title}>
        <Alert>This link is incomplete. Open the link from your email again, or ask for a new one.</Alert>
        <div className="auth-links">
          <Link to={`/p/${slug}/sign-in`}>Go to sign in</Link>
        </div>
      </AuthLayout>
    );
  return (
    <AuthLayout practiceName={practice.data?.practice.name} title={title}>
      {isInvite && (
        <p>You have been invited to message securely with {practice.data?.practice.name ?? 'your practice'}.</p>
      )}
      {error && <Alert>{error}</Alert>}
      <form onSubmit={(event) => void submit(event)} className="stack">
        <TextInput
          label="New password"
          type="password"
          autoComplete="new-password"
          required
          minLength={MIN_PASSWORD}
          hint={`At least ${MIN_PASSWORD} characters. A short sentence is easy to remember; common passwords are refused.`}
          error={tooShort ? `${MIN_PASSWORD - password.length} more characters needed.` : null}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <TextInput
          label="Repeat the password"
          type="password"
          autoComplete="new-password"
          required
          error={mismatch ? 'The two passwords are not the same.' : null}
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
        />
        <Button type="submit" variant="primary" isBusy={isBusy} className="btn-block">
          {isInvite ? 'Set password' : 'Change password'}
        </Button>
      </form>
    </AuthLayout>
  );
}
