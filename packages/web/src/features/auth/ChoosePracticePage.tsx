import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { useTitle } from '../../session/use-title';
import { AuthLayout } from './AuthLayout';

/** The bare "/" address: people normally arrive through their practice's link. */
export function ChoosePracticePage() {
  const navigate = useNavigate();
  const [slug, setSlug] = useState('');
  useTitle('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const clean = slug.trim().toLowerCase();
    if (clean) void navigate(`/p/${encodeURIComponent(clean)}/sign-in`);
  };
  return (
    <AuthLayout title="Sign in to your practice">
      <form onSubmit={submit} className="stack">
        <p>Use the link from your practice's email, or enter your practice's short name.</p>
        <TextInput
          label="Practice short name"
          hint="For example: riverside-counseling"
          required
          autoCapitalize="none"
          value={slug}
          onChange={(event) => setSlug(event.target.value)}
        />
        <Button type="submit" variant="primary" className="btn-block">
          Continue
        </Button>
      </form>
    </AuthLayout>
  );
}
