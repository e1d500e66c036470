import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, queryKeys, type Passkey } from '../../api';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TextInput } from '../../components/Field';
import { Alert } from '../../components/Toast';
import { longTime } from '../mailbox/format';

/** One passkey: its name and dates, renamed in place, removed after a question. */
export function PasskeyRow({ passkey }: { passkey: Passkey }) {
  const client = useQueryClient();
  const [isRenaming, setRenaming] = useState(false);
  const [isRemoving, setRemoving] = useState(false);
  const [name, setName] = useState(passkey.name);
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      await client.invalidateQueries({ queryKey: queryKeys.passkeys });
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };
  const rename = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await api.patch(`/api/account/passkeys/${passkey.id}`, { name });
      setRenaming(false);
    });
  };
  const remove = () =>
    void run(async () => {
      await api.delete(`/api/account/passkeys/${passkey.id}`);
      setRemoving(false);
    });

  return (
    <li className="account-item">
      {isRenaming ? (
        <form className="account-inline-form" onSubmit={rename}>
          <TextInput
            label={`New name for “${passkey.name}”`}
            required
            maxLength={60}
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoFocus
          />
          <Button type="submit" size="small" variant="primary" isBusy={isBusy}>
            Save
          </Button>
          <Button size="small" variant="ghost" onClick={() => (setRenaming(false), setName(passkey.name))}>
            Cancel
          </Button>
        </form>
      ) : (
        <>
          <div className="account-item-main">
            <strong>{passkey.name}</strong>
            <span className="muted small">
              Added {longTime(passkey.createdAt)} ·{' '}
              {passkey.lastUsedAt ? `last used ${longTime(passkey.lastUsedAt)}` : 'not used yet'}
            </span>
          </div>
          <div className="account-item-actions">
            <Button
              size="small"
              variant="ghost"
              onClick={() => setRenaming(true)}
              aria-label={`Rename ${passkey.name}`}
            >
              Rename
            </Button>
            <Button
              size="small"
              variant="ghost"
              onClick={() => setRemoving(true)}
              aria-label={`Remove ${passkey.name}`}
            >
              Remove
            </Button>
          </div>
        </>
      )}
      {error && !isRemoving && <Alert>{error}</Alert>}
      {isRemoving && (
        <ConfirmDialog
          title="Remove this passkey?"
          confirmLabel="Remove passkey"
          isBusy={isBusy}
          error={error}
          onConfirm={remove}
          onCancel={() => (setRemoving(false), setError(null))}
        >
          <p>“{passkey.name}” will no longer sign you in. You can add it again later.</p>
        </ConfirmDialog>
      )}
    </li>
  );
}
