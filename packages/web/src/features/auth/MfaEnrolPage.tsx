import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, queryKeys, type MfaSetup } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { fetchMe, useSession } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { AuthLayout } from './AuthLayout';

/** Two-factor enrolment, required before anything else when the practice demands it for staff. */
export function MfaEnrolPage() {
  const { me, signOut } = useSession();
  const client = useQueryClient();
  const [code, setCode] = useState('');
  const setup = useMutation({ mutationFn: () => api.post<MfaSetup>('/api/auth/mfa/setup') });
  const enable = useMutation({
    mutationFn: () => api.post('/api/auth/mfa/enable', { totp: code.replace(/\s/g, '') }),
    onSuccess: async () => client.setQueryData(queryKeys.me, await fetchMe()),
  });
  useTitle('Set up two-factor sign-in');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    enable.mutate();
  };

  return (
    <AuthLayout practiceName={me.practice.name} title="Set up two-factor sign-in">
      <p>
        {me.practice.name} asks every staff member to confirm their sign-in with a code from an authenticator app (such
        as Google Authenticator, 1Password or Authy).
      </p>
      {!setup.data ? (
        <>
          {setup.isError && <Alert>{errorMessage(setup.error)}</Alert>}
          <Button variant="primary" className="btn-block" isBusy={setup.isPending} onClick={() => setup.mutate()}>
            Start setup
          </Button>
        </>
      ) : (
        <form onSubmit={submit} className="stack">
          <ol className="steps">
            <li>
              In your authenticator app, add an account and enter this key:
              <code className="secret" aria-label="Setup key">
                {setup.data.secret.replace(/(.{4})/g, '$1 ').trim()}
              </code>
            </li>
            <li>
              Or, if your app accepts a link, use:
              <code className="secret secret-url">{setup.data.otpauthUrl}</code>
            </li>
            <li>Enter the 6-digit code the app shows.</li>
          </ol>
          {enable.isError && <Alert>{errorMessage(enable.error)}</Alert>}
          <TextInput
            label="Code from the app"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            maxLength={7}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
          <Button type="submit" variant="primary" className="btn-block" isBusy={enable.isPending}>
            Confirm and continue
          </Button>
        </form>
      )}
      <div className="auth-links">
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </AuthLayout>
  );
}
