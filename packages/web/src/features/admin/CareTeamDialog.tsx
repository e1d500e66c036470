import { useState } from 'react';
import { api, errorMessage, type ClientRecord } from '../../api';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useAdminMutation, useStaff } from './admin-queries';
import { CareTeamAgents } from './CareTeamAgents';

type Assignment = 'none' | 'current' | 'past';

/** A client's care team: providers (current, then past when care ends) and external agents (R35, R37). */
export function CareTeamDialog({ client, onClose }: { client: ClientRecord; onClose: () => void }) {
  const toast = useToast();
  const staff = useStaff();
  const [choices, setChoices] = useState<Record<string, Assignment>>(() =>
    Object.fromEntries(client.careTeam.filter((e) => e.role === 'provider').map((e) => [e.id, e.status])),
  );
  const [onTeam] = useState(() => new Set(client.careTeam.filter((e) => e.role === 'external_agent').map((e) => e.id)));
  const [agents, setAgents] = useState<Set<string>>(() => new Set(onTeam));
  const save = useAdminMutation(() =>
    api.put(`/api/admin/clients/${encodeURIComponent(client.id)}/care-team`, {
      providers: Object.entries(choices)
        .filter(([, status]) => status !== 'none')
        .map(([id, status]) => ({ id, status })),
      externalAgents: [...agents].map((id) => ({ id })),
    }),
  );
  const isListed = (member: { id: string; disabled: boolean }) =>
    !member.disabled || Boolean(choices[member.id]) || agents.has(member.id);
  const providers = staff.data?.filter((member) => member.role === 'provider' && isListed(member)) ?? [];
  const externalAgents = staff.data?.filter((member) => member.role === 'external_agent' && isListed(member)) ?? [];
  const removed = [...onTeam].filter((id) => !agents.has(id)).length;
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
                  toast(
                    removed > 0
                      ? `Care team of ${client.name} saved. Removed external agents can no longer send them new messages.`
                      : `Care team of ${client.name} saved.`,
                  );
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
      {save.isError && <Alert>{errorMessage(save.error)}</Alert>}
      {staff.isPending && <LoadingBlock />}
      <fieldset className="care-team-section">
        <legend>Providers</legend>
        <p className="muted small">Clients can message their current and past providers.</p>
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
      </fieldset>
      {staff.data && (
        <CareTeamAgents
          agents={externalAgents}
          clientName={client.name}
          chosen={agents}
          onTeam={onTeam}
          onChange={setAgents}
        />
      )}
    </Dialog>
  );
}
