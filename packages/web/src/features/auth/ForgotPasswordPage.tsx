import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { useTitle } from '../../session/use-title';
import { AuthLayout } from './AuthLayout';
import { usePracticePublic } from './use-practice';

/** Asks for a one-time reset link by email; the answer is the same whether the account exists. */
export function ForgotPasswordPage() {
  const { slug = '' } = useParams();
  const practice = usePracticePublic(slug);
  const [email, setEmail] = useState('');
  const [isSent, setIsSent] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useTitle('Reset password');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsBusy(true);
    setError(null);
    try {
      await api.post('/api/auth/password-reset', { practice: slug, email });
      setIsSent(true);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <AuthLayout practiceName={practice.data?.practice.name} title="Reset your password">
      {isSent ? (
        <Alert tone="success">
          If an account uses that email, a reset link is on its way. It works once and expires soon.
        </Alert>
      ) : (
        <form onSubmit={(event) => void submit(event)} className="stack">
          <p>Enter the email address of your account. We will email you a link to choose a new password.</p>
          {error && <Alert>{error}</Alert>}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
          <Button type="submit" variant="primary" isBusy={isBusy} className="btn-block">
            Email me a reset link
          </Button>
        </form>
      )}
      <div className="auth-links">
        <Link to={`/p/${slug}/sign-in`}>Back to sign in</Link>
      </div>
    </AuthLayout>
  );
}
