import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, queryKeys, type MfaSetup } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { useSession } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { clearOutgoing } from './outgoing-store';
import { OwnAccessReport } from './OwnAccessReport';
import { OwnRecordsDownload } from './OwnRecordsDownload';
import { forgetCreatedThreads } from './send-message';

/** Account: optional two-step sign-in for clients (R28) and signing out (R29). */
export function PortalAccount() {
  useTitle('Account');
  const { me, signOut } = useSession();
  const client = useQueryClient();
  const [setup, setSetup] = useState<MfaSetup | null>(null);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setSetup(await api.post<MfaSetup>('/api/auth/mfa/setup')));
  const enable = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post('/api/auth/mfa/enable', { totp: code.trim() });
      setSetup(null);
      setCode('');
      setNotice('Two-step sign-in is on. You will be asked for a code from your app when you sign in.');
      await client.invalidateQueries({ queryKey: queryKeys.me });
    });
  };
  const disable = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api.post('/api/auth/mfa/disable', { password });
      setPassword('');
      setNotice('Two-step sign-in is off.');
      await client.invalidateQueries({ queryKey: queryKeys.me });
    });
  };
  const leave = (everywhere: boolean) =>
    run(async () => {
      clearOutgoing();
      forgetCreatedThreads();
      if (everywhere) await api.post('/api/auth/logout?everywhere=true');
      await signOut();
    });

  return (
    <div className="portal-account">
      <h1 className="portal-h1">Account</h1>
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      <section className="portal-panel" aria-labelledby="mfa-title">
        <h2 id="mfa-title" className="portal-section-title">
          Two-step sign-in
        </h2>
        <p>
          Optional. With it on, signing in also asks for a 6-digit code from an authenticator app on your phone, so a
          stolen password alone cannot open your messages. It is currently{' '}
          <strong>{me.user.mfaEnabled ? 'on' : 'off'}</strong>.
        </p>
        {!me.user.mfaEnabled && !setup && (
          <Button onClick={() => void start()} isBusy={isBusy}>
            Turn on two-step sign-in
          </Button>
        )}
        {setup && (
          <form onSubmit={enable} className="portal-form">
            <p>
              In your authenticator app, add an account with this key, then enter the 6-digit code it shows:
              <code className="portal-secret">{setup.secret}</code>
            </p>
            <TextInput
              label="6-digit code"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="\d{6}"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value)}
              required
            />
            <Button type="submit" variant="primary" className="portal-go" isBusy={isBusy}>
              Turn on
            </Button>
          </form>
        )}
        {me.user.mfaEnabled && (
          <form onSubmit={disable} className="portal-form">
            <TextInput
              label="Your password, to turn two-step sign-in off"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
            />
            <Button type="submit" isBusy={isBusy}>
              Turn off
            </Button>
          </form>
        )}
      </section>
      <OwnAccessReport />
      <OwnRecordsDownload />
      <section className="portal-panel" aria-labelledby="signout-title">
        <h2 id="signout-title" className="portal-section-title">
          Sign out
        </h2>
        <p>On a shared device, always sign out when you are done.</p>
        <div className="portal-row-buttons">
          <Button onClick={() => void leave(false)} isBusy={isBusy}>
            Sign out
          </Button>
          <Button variant="ghost" onClick={() => void leave(true)} isBusy={isBusy}>
            Sign out on every device
          </Button>
        </div>
      </section>
    </div>
  );
}
