import { useState } from 'react';
import { Link } from 'react-router';
import { api, errorMessage, type ClientRecord } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { AddClientDialog } from './AddClientDialog';
import { useAdminMutation, useClients } from './admin-queries';
import { CareTeamDialog } from './CareTeamDialog';
import { ClientAgreementDialog } from '../agreement/ClientAgreementDialog';

/** Clients: add, invite to the portal, active/inactive (R3), care team current/past, agreement accepted (R43). */
export function ClientsAdmin() {
  const me = useMe();
  const toast = useToast();
  const clients = useClients();
  const [isAdding, setIsAdding] = useState(false);
  const [careTeamOf, setCareTeamOf] = useState<ClientRecord | null>(null);
  const [agreementOf, setAgreementOf] = useState<ClientRecord | null>(null);
  useTitle('Clients');
  const setStatus = useAdminMutation(({ id, status }: { id: string; status: 'active' | 'inactive' }) =>
    api.patch(`/api/admin/clients/${encodeURIComponent(id)}`, { status }),
  );
  const invite = useAdminMutation((id: string) => api.post(`/api/admin/clients/${encodeURIComponent(id)}/invite`));
  const error = setStatus.error ?? invite.error;

  return (
    <section aria-labelledby="clients-title">
      <div className="admin-head">
        <h1 id="clients-title">Clients</h1>
        <Button variant="primary" onClick={() => setIsAdding(true)}>
          Add client
        </Button>
      </div>
      <p className="muted">
        An inactive client cannot message their providers, but can still message the front office and billing. Set them
        active again to restore it.
      </p>
      {error && <Alert>{errorMessage(error)}</Alert>}
      {clients.isPending && <LoadingBlock />}
      {clients.isError && <Alert>{errorMessage(clients.error)}</Alert>}
      {clients.data?.length === 0 && (
        <EmptyState title="No clients yet">Add a client to invite them to the portal.</EmptyState>
      )}
      {clients.data && clients.data.length > 0 && (
        <div className="table-wrap card">
          <table className="table">
            <caption className="visually-hidden">Clients</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">Portal</th>
                <th scope="col">Care team</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {clients.data.map((client) => {
                const isActive = client.status === 'active';
                return (
                  <tr key={client.id}>
                    <th scope="row">
                      <div>{client.name}</div>
                      <div className="muted small">{client.email}</div>
                    </th>
                    <td>
                      <div className="row">
                        <Badge tone={isActive ? 'accent' : 'warning'}>{isActive ? 'Active' : 'Inactive'}</Badge>
                        <Button
                          size="small"
                          aria-label={`Set ${client.name} ${isActive ? 'inactive' : 'active'}`}
                          onClick={() =>
                            setStatus.mutate(
                              { id: client.id, status: isActive ? 'inactive' : 'active' },
                              { onSuccess: () => toast(`${client.name} is now ${isActive ? 'inactive' : 'active'}.`) },
                            )
                          }
                        >
                          {isActive ? 'Set inactive' : 'Set active'}
                        </Button>
                      </div>
                    </td>
                    <td>
                      {client.portal && !client.invited ? (
                        <Badge tone="accent">Signed up</Badge>
                      ) : (
                        <div className="row">
                          {client.invited && <Badge tone="warning">Invited</Badge>}
                          <Button
                            size="small"
                            aria-label={`${client.invited ? 'Resend invitation to' : 'Invite'} ${client.name}`}
                            onClick={() =>
                              invite.mutate(client.id, {
                                onSuccess: () => toast(`Portal invitation sent to ${client.name}.`),
                              })
                            }
                          >
                            {client.invited ? 'Resend invitation' : 'Invite to portal'}
                          </Button>
                        </div>
                      )}
                    </td>
                    <td>
                      <CareTeamSummary client={client} />
                    </td>
                    <td className="cell-actions">
                      <div className="row">
                        <Button
                          size="small"
                          aria-label={`Edit care team of ${client.name}`}
                          onClick={() => setCareTeamOf(client)}
                        >
                          Care team
                        </Button>
                        <Button
                          size="small"
                          aria-label={`Messaging agreement of ${client.name}`}
                          onClick={() => setAgreementOf(client)}
                        >
                          Agreement
                        </Button>
                        <Link
                          className="btn btn-small"
                          to={`/p/${me.practice.slug}/clients/${client.id}/notes`}
                          aria-label={`Chart notes of ${client.name}`}
                        >
                          Notes
                        </Link>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {isAdding && <AddClientDialog onClose={() => setIsAdding(false)} />}
      {careTeamOf && <CareTeamDialog client={careTeamOf} onClose={() => setCareTeamOf(null)} />}
      {agreementOf && <ClientAgreementDialog client={agreementOf} onClose={() => setAgreementOf(null)} />}
    </section>
  );
}

function CareTeamSummary({ client }: { client: ClientRecord }) {
  const providers = client.careTeam.filter((entry) => entry.role === 'provider');
  const current = providers.filter((entry) => entry.status === 'current');
  const past = providers.filter((entry) => entry.status === 'past');
  const agents = client.careTeam.filter((entry) => entry.role === 'external_agent');
  return (
    <div className="small">
      {providers.length === 0 && <div className="muted">No providers</div>}
      {current.length > 0 && <div>{current.map((entry) => entry.name).join(', ')}</div>}
      {past.length > 0 && <div className="muted">Past: {past.map((entry) => entry.name).join(', ')}</div>}
      {agents.length > 0 && <div className="muted">External: {agents.map((entry) => entry.name).join(', ')}</div>}
    </div>
  );
}
