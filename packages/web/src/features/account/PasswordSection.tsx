import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';

/** R52: a new password, with the current one. Other devices are signed out. */
export function PasswordSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [isDone, setDone] = useState(false);
  const [isBusy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await api.post('/api/account/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="account-panel" aria-labelledby="password-title">
      <h2 id="password-title" className="account-section-title">
        Password
      </h2>
      {error && <Alert>{error}</Alert>}
      {isDone && <Alert tone="success">Your password is changed. Your other devices were signed out.</Alert>}
      <form className="account-form" onSubmit={(event) => void submit(event)}>
        <TextInput
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
        />
        <TextInput
          label="New password"
          type="password"
          autoComplete="new-password"
          hint="At least 12 characters. A few unrelated words make a strong one."
          required
          value={next}
          onChange={(event) => setNext(event.target.value)}
        />
        <Button type="submit" isBusy={isBusy}>
          Change password
        </Button>
      </form>
    </section>
  );
}
