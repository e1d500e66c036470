import { StaffMemberResponse } from '@confide/api';
import { useState, type FormEvent } from 'react';
import { api, errorMessage, type StaffMember } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Checkbox, Select } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { EmptyState } from '../../components/EmptyState';
import { useMe } from '../../session/session';
import { formatAwayUntil } from '../out-of-office/away';
import { StaffOutOfOfficeDialog } from '../out-of-office/StaffOutOfOfficeDialog';
import { useTitle } from '../../session/use-title';
import { NameEmailFields } from './NameEmailFields';
import { useAdminMutation, useStaff, useStaffAway } from './admin-queries';
import { staffRoleOptions } from './labels';

type StaffPatch = { role?: string; admin?: boolean; disabled?: boolean };

/** Staff: invite with a role, change role and admin flag, disable or enable, out of office (R40). */
export function StaffAdmin() {
  const me = useMe();
  const toast = useToast();
  const staff = useStaff();
  const [isInviting, setIsInviting] = useState(false);
  const [awayOf, setAwayOf] = useState<StaffMember | null>(null);
  const away = useStaffAway();
  useTitle('Staff');
  const patch = useAdminMutation(({ id, change }: { id: string; change: StaffPatch }) =>
    api.patch(`/api/admin/staff/${encodeURIComponent(id)}`, change, StaffMemberResponse),
  );
  const apply = (member: StaffMember, change: StaffPatch, done: string) =>
    patch.mutate({ id: member.id, change }, { onSuccess: () => toast(done) });

  return (
    <section aria-labelledby="staff-title">
      <div className="admin-head">
        <h1 id="staff-title">Staff</h1>
        <Button variant="primary" onClick={() => setIsInviting(true)}>
          Invite staff member
        </Button>
      </div>
      {patch.isError && <Alert>{errorMessage(patch.error)}</Alert>}
      {staff.isPending && <LoadingBlock />}
      {staff.isError && <Alert>{errorMessage(staff.error)}</Alert>}
      {staff.data?.length === 0 && <EmptyState title="No staff yet" />}
      {staff.data && staff.data.length > 0 && (
        <div className="table-wrap card">
          <table className="table">
            <caption className="visually-hidden">Staff members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Role</th>
                <th scope="col">Admin</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.data.map((member) => (
                <tr key={member.id} className={member.disabled ? 'is-muted' : ''}>
                  <th scope="row">
                    <div>{member.name}</div>
                    <div className="muted small">{member.email}</div>
                  </th>
                  <td>
                    <select
                      className="input select input-compact"
                      aria-label={`Role of ${member.name}`}
                      value={member.role}
                      onChange={(event) =>
                        apply(member, { role: event.target.value }, `${member.name}'s role was changed.`)
                      }
                    >
                      {staffRoleOptions.map((option) => (
                        <option key={option.value} value={option.value}>
                          {option.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`${member.name} is an admin`}
                      checked={member.admin}
                      disabled={member.id === me.user.id}
                      onChange={(event) =>
                        apply(
                          member,
                          { admin: event.target.checked },
                          event.target.checked
                            ? `${member.name} is now an admin.`
                            : `${member.name} is no longer an admin.`,
                        )
                      }
                    />
                  </td>
                  <td>
                    <div className="row">
                      {member.disabled ? (
                        <Badge tone="alert">Disabled</Badge>
                      ) : member.invited ? (
                        <Badge tone="warning">Invited</Badge>
                      ) : (
                        <Badge tone="accent">Active</Badge>
                      )}
                      {member.mfaEnabled && <Badge>Two-factor on</Badge>}
                      {away.get(member.id) && (
                        <Badge tone="warning">
                          Away until {formatAwayUntil(away.get(member.id)!.until, me.practice.timeZone)}
                        </Badge>
                      )}
                    </div>
                  </td>
                  <td className="cell-actions">
                    <div className="row">
                      {member.role !== 'external_agent' && !member.disabled && (
                        <Button
                          size="small"
                          aria-label={`Out of office of ${member.name}`}
                          onClick={() => setAwayOf(member)}
                        >
                          Out of office
                        </Button>
                      )}
                      {member.id !== me.user.id && (
                        <Button
                          size="small"
                          className={member.disabled ? '' : 'btn-danger-text'}
                          aria-label={`${member.disabled ? 'Enable' : 'Disable'} ${member.name}`}
                          onClick={() =>
                            apply(
                              member,
                              { disabled: !member.disabled },
                              member.disabled
                                ? `${member.name} can sign in again.`
                                : `${member.name} was disabled and signed out.`,
                            )
                          }
                        >
                          {member.disabled ? 'Enable' : 'Disable'}
                        </Button>
                      )}
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {isInviting && <InviteStaffDialog onClose={() => setIsInviting(false)} />}
      {awayOf && staff.data && (
        <StaffOutOfOfficeDialog member={awayOf} staff={staff.data} onClose={() => setAwayOf(null)} />
      )}
    </section>
  );
}

function InviteStaffDialog({ onClose }: { onClose: () => void }) {
  const toast = useToast();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('provider');
  const [isAdmin, setIsAdmin] = useState(false);
  const invite = useAdminMutation(() => api.post('/api/admin/staff', { name, email, role, admin: isAdmin }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate(undefined, {
      onSuccess: () => {
        toast(`Invitation sent to ${email}.`);
        onClose();
      },
    });
  };
  return (
    <Dialog
      title="Invite a staff member"
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" type="submit" form="invite-staff" isBusy={invite.isPending}>
            Send invitation
          </Button>
        </>
      }
    >
      <form id="invite-staff" className="stack" onSubmit={submit}>
        <p className="muted">They get an email with a link to set their password.</p>
        {invite.isError && <Alert>{errorMessage(invite.error)}</Alert>}
        <NameEmailFields name={name} email={email} onName={setName} onEmail={setEmail} />
        <Select
          label="Role"
          options={staffRoleOptions}
          value={role}
          onChange={(event) => setRole(event.target.value)}
        />
        <Checkbox
          label="Administrator (can manage staff, clients and settings)"
          checked={isAdmin}
          onChange={(event) => setIsAdmin(event.target.checked)}
        />
      </form>
    </Dialog>
  );
}
