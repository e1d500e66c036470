import { MfaSetupResponse } from '@confide/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { addPasskey, canUsePasskeys, passkeyProblem } from '../account/passkey-ceremonies';
import { TotpSetup } from '../account/TotpSetup';
import { fetchMe, useSession } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { AuthLayout } from './AuthLayout';

/**
 * Two-factor enrolment, required before anything else when the practice demands it for staff:
 * an authenticator app (QR code or key), or a passkey, which meets the rule on its own (R53).
 */
export function MfaEnrolPage() {
  const { me, signOut } = useSession();
  const client = useQueryClient();
  const [passkeyError, setPasskeyError] = useState<string | null>(null);
  const setup = useMutation({ mutationFn: () => api.post('/api/auth/mfa/setup', undefined, MfaSetupResponse) });
  const passkey = useMutation({
    mutationFn: () => addPasskey('Passkey'),
    onSuccess: async () => client.setQueryData(queryKeys.me, await fetchMe()),
    onError: (error) => setPasskeyError(passkeyProblem(error) ?? errorMessage(error)),
  });
  const enrolled = async () => {
    client.setQueryData(queryKeys.me, await fetchMe());
  };
  useTitle('Set up two-factor sign-in');

  return (
    <AuthLayout practiceName={me.practice.name} title="Set up two-factor sign-in">
      <p>
        {me.practice.name} asks every staff member to confirm their sign-in with a code from an authenticator app (such
        as Google Authenticator, 1Password or Authy), or to use a passkey.
      </p>
      {!setup.data ? (
        <>
          {setup.isError && <Alert>{errorMessage(setup.error)}</Alert>}
          <Button variant="primary" className="btn-block" isBusy={setup.isPending} onClick={() => setup.mutate()}>
            Set up an authenticator app
          </Button>
        </>
      ) : (
        <TotpSetup setup={setup.data} onEnabled={enrolled} />
      )}
      {canUsePasskeys() && (
        <div className="passkey-choice">
          <p>Or use this device’s fingerprint, face or PIN: a passkey stands in for both password and code.</p>
          {passkeyError && <Alert>{passkeyError}</Alert>}
          <Button
            className="btn-block"
            isBusy={passkey.isPending}
            onClick={() => (setPasskeyError(null), passkey.mutate())}
          >
            Use a passkey instead
          </Button>
        </div>
      )}
      <div className="auth-links">
        <button type="button" className="link-button" onClick={() => void signOut()}>
          Sign out
        </button>
      </div>
    </AuthLayout>
  );
}
