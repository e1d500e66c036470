import type { Chosen } from './recipient-options';

/**
 * R36 and R9, told before sending: a message to several clients shows each of them only the
 * staff and themselves, and nobody can reply to it.
 */
export function SeveralClientsNote({ chosen }: { chosen: Chosen[] }) {
  const clients = chosen.filter((item) => item.kind === 'user' && item.role === 'client').length;
  if (clients < 2) return null;
  return (
    <div className="alert alert-info several-clients-note" role="note">
      <p>
        You are writing to {clients} clients. Each client will see only the staff on this message and themselves — never
        the other clients or how many there are.
      </p>
      <p>Replies are turned off for messages sent to more than one client.</p>
    </div>
  );
}
