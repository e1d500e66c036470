import { useState } from 'react';
import { api, errorMessage, type ClientRecord } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useAdminMutation, useStaff } from './admin-queries';

type Assignment = 'none' | 'current' | 'past';

/** Assigns providers to a client's care team: current, then past when care ends. */
export function CareTeamDialog({ client, onClose }: { client: ClientRecord; onClose: () => void }) {
  const toast = useToast();
  const staff = useStaff();
  const [choices, setChoices] = useState<Record<string, Assignment>>(() =>
    Object.fromEntries(client.careTeam.map((entry) => [entry.id, entry.status])),
  );
  const save = useAdminMutation(() =>
    api.put(`/api/admin/clients/${encodeURIComponent(client.id)}/care-team`, {
      providers: Object.entries(choices)
        .filter(([, status]) => status !== 'none')
        .map(([id, status]) => ({ id, status })),
    }),
  );
  const providers =
    staff.data?.filter((member) => member.role === 'provider' && (!member.disabled || choices[member.id])) ?? [];
  return (
    <Dialog
      title={`Care team of ${client.name}`}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            isBusy={save.isPending}
            onClick={() =>
              save.mutate(undefined, {
                onSuccess: () => {
                  toast(`Care team of ${client.name} saved.`);
                  onClose();
                },
              })
            }
          >
            Save care team
          </Button>
        </>
      }
    >
      <p className="muted">Clients can message their current and past providers.</p>
      {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
      {staff.isPending && <LoadingBlock />}
      <ul className="care-team">
        {providers.map((provider) => (
          <li key={provider.id} className="care-team-row">
            <label htmlFor={`care-${provider.id}`}>{provider.name}</label>
            <select
              id={`care-${provider.id}`}
              className="input select input-compact"
              value={choices[provider.id] ?? 'none'}
              onChange={(event) =>
                setChoices((current) => ({ ...current, [provider.id]: event.target.value as Assignment }))
              }
            >
              <option value="none">Not on the team</option>
              <option value="current">Current provider</option>
              <option value="past">Past provider</option>
            </select>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
