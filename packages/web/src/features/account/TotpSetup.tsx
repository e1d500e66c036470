import { useState, type FormEvent } from 'react';
import { api, errorMessage, type MfaSetup } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { QrCode } from '../../components/QrCode';
import { Alert } from '../../components/Toast';

/**
 * The steps of turning on an authenticator app (R52): scan the QR code (drawn here) or type the
 * key, then confirm with a code from it.
 */
export function TotpSetup({ setup, onEnabled }: { setup: MfaSetup; onEnabled: () => Promise<void> | void }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/mfa/enable', { totp: code.replace(/\s/g, '') });
      await onEnabled();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} className="totp-setup">
      <ol className="steps">
        <li>
          In your authenticator app (such as Google Authenticator, 1Password or Authy), add an account by scanning this
          code:
          <QrCode text={setup.otpauthUrl} label="QR code for your authenticator app" />
        </li>
        <li>
          Or type this key into the app:
          <code className="secret" aria-label="Setup key">
            {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
          </code>
        </li>
        <li>
          Or, if your app accepts a link, use:
          <code className="secret secret-url">{setup.otpauthUrl}</code>
        </li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      {error && <Alert>{error}</Alert>}
      <TextInput
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={7}
        value={code}
        onChange={(event) => setCode(event.target.value)}
      />
      <Button type="submit" variant="primary" isBusy={isBusy}>
        Confirm and turn on
      </Button>
    </form>
  );
}
