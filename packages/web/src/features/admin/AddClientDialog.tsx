import { useState, type FormEvent } from 'react';
import { api, errorMessage } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Checkbox } from '../../components/Field';
import { Alert, useToast } from '../../components/Toast';
import { NameEmailFields } from './NameEmailFields';
import { useAdminMutation } from './admin-queries';

/** Adds a client; with "Invite to the portal" they get an email to set a password. */
export function AddClientDialog({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [isPortal, setIsPortal] = useState(true);
  const add = useAdminMutation(() =>
    api.post('/api/admin/clients', { name, email, status: 'active', portal: isPortal }),
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(undefined, {
      onSuccess: () => {
        toast(isPortal ? `${name} was added and invited to the portal.` : `${name} was added.`);
        onClose();
      },
    });
  };
  return (
    <Dialog
      title="Add a client"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="add-client" isBusy={add.isPending}>
            Add client
          </Button>
        </>
      }
    >
      <form id="add-client" className="stack" onSubmit={submit}>
        {add.isError && <Alert>{errorMessage(add.error)}</Alert>}
        <NameEmailFields name={name} email={email} onName={setName} onEmail={setEmail} />
        <Checkbox
          label="Invite to the portal now"
          checked={isPortal}
          onChange={(event) => setIsPortal(event.target.checked)}
        />
      </form>
    </Dialog>
  );
}
