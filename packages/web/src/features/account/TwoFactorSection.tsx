import { MfaSetupResponse } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, queryKeys, type MfaSetup } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { useSession } from '../../session/session';
import { TotpSetup } from './TotpSetup';
import { usePasskeys } from './use-passkeys';

/** R52: the authenticator app — turn on with a QR code and the key, or off with the password. */
export function TwoFactorSection() {
  const { me } = useSession();
  const client = useQueryClient();
  const passkeys = usePasskeys();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isRequired = me.user.kind === 'staff' && me.practice.requireStaffMfa;
  // Staff who must keep a second factor turn the app off only while a passkey stands in (R53).
  const canTurnOff = !isRequired || (passkeys.data?.length ?? 0) > 0;

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setSetup(await api.post('/api/auth/mfa/setup', undefined, MfaSetupResponse)));
  const enabled = async () => {
    setSetup(null);
    setNotice('Two-step sign-in is on. Signing in with your password now also asks for a code from your app.');
    await client.invalidateQueries({ queryKey: queryKeys.me });
  };
  const disable = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.post('/api/auth/mfa/disable', { password });
      setPassword('');
      setNotice('Two-step sign-in with the app is off.');
      await client.invalidateQueries({ queryKey: queryKeys.me });
    });
  };

  return (
    <section className="account-panel" aria-labelledby="mfa-title">
      <h2 id="mfa-title" className="account-section-title">
        Two-step sign-in
      </h2>
      <p>
        {isRequired
          ? `${me.practice.name} asks staff to confirm each sign-in with a code from an authenticator app, or to use a passkey.`
          : 'Optional. With it on, signing in with your password also asks for a 6-digit code from an authenticator app, so a stolen password alone cannot open your messages.'}{' '}
        The authenticator app is <strong>{me.user.mfaEnabled ? 'on' : 'off'}</strong>.
      </p>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {!me.user.mfaEnabled && !setup && (
        <Button onClick={() => void start()} isBusy={isBusy}>
          Set up an authenticator app
        </Button>
      )}
      {setup && <TotpSetup setup={setup} onEnabled={enabled} />}
      {me.user.mfaEnabled && canTurnOff && (
        <form onSubmit={disable} className="account-form">
          <TextInput
            label="Your password, to turn the authenticator app off"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            required
          />
          <Button type="submit" isBusy={isBusy}>
            Turn off
          </Button>
        </form>
      )}
      {me.user.mfaEnabled && !canTurnOff && (
        <p className="muted small">Add a passkey below if you want to stop using the authenticator app.</p>
      )}
    </section>
  );
}
