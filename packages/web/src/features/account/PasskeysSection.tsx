import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { errorMessage, queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { addPasskey, canUsePasskeys, passkeyProblem } from './passkey-ceremonies';
import { PasskeyRow } from './PasskeyRow';
import { usePasskeys } from './use-passkeys';

/** R53: the person's passkeys — add one on this device, rename or remove any. */
export function PasskeysSection() {
  const client = useQueryClient();
  const passkeys = usePasskeys();
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const isSupported = canUsePasskeys();

  const add = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const passkey = await addPasskey(name.trim() || 'Passkey');
      setName('');
      setNotice(`“${passkey.name}” is added. Next time, choose “Use a passkey” on the sign-in page.`);
      await client.invalidateQueries({ queryKey: queryKeys.passkeys });
      await client.invalidateQueries({ queryKey: queryKeys.me });
    } catch (caught) {
      setError(passkeyProblem(caught) ?? errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const list = passkeys.data ?? [];
  return (
    <section className="account-panel" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title" className="account-section-title">
        Passkeys
      </h2>
      <p>
        A passkey signs you in with your device’s fingerprint, face or PIN instead of your password and code. It cannot
        be guessed or used on a fake site.
      </p>
      {passkeys.isError && <Alert>{errorMessage(passkeys.error)}</Alert>}
      {list.length > 0 ? (
        <ul className="account-list" aria-label="Your passkeys">
          {list.map((passkey) => (
            <PasskeyRow key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      ) : (
        passkeys.isSuccess && <p className="muted">You have no passkeys yet.</p>
      )}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert tone="success">{notice}</Alert>}
      {isSupported ? (
        <form className="account-form" onSubmit={(event) => void add(event)}>
          <TextInput
            label="Name for a new passkey"
            hint="So you can tell your devices apart, e.g. “Work laptop”."
            maxLength={60}
            value={name}
            onChange={(event) => setName(event.target.value)}
          />
          <Button type="submit" variant="primary" isBusy={isBusy}>
            Add a passkey
          </Button>
        </form>
      ) : (
        <p className="muted small">This browser cannot create passkeys.</p>
      )}
    </section>
  );
}
