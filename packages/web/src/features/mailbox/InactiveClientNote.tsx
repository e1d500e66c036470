import { useMe } from '../../session/session';
import { useClients } from '../admin/admin-queries';

/**
 * R3 for staff: names the inactive clients among `people` (a thread's participants or the
 * chosen recipients) and what that means for them. Only admins can read client status
 * (GET /api/admin/clients); threads and recipients carry none for staff, so others see no note.
 */
export function InactiveClientNote({ people }: { people: { id: string; name: string }[] }) {
  const me = useMe();
  const clients = useClients(me.user.kind === 'staff' && me.user.admin && people.length > 0);
  const inactive = new Set((clients.data ?? []).filter((c) => c.status === 'inactive').map((c) => c.id));
  const names = people.filter((p) => inactive.has(p.id)).map((p) => p.name);
  if (names.length === 0) return null;
  return (
    <div className="alert alert-warning" role="note">
      {names.map((name) => (
        <p key={name} className="inactive-note">
          {name} is inactive: they can&apos;t message providers until the practice sets them active again. Front office
          and billing can still reach them.
        </p>
      ))}
    </div>
  );
}
