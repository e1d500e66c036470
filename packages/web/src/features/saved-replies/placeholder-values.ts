import { firstNameOf, type PlaceholderValues } from '@confide/api';

/**
 * R45: what a saved reply's placeholders stand for in this message. `{client.firstName}` names the
 * client only when the message has exactly one (a reply: the thread's; a new message: its
 * recipients); with none or several it stays as written, for the writer to replace.
 */
export function placeholderValues(
  me: { user: { name: string }; practice: { name: string } },
  people: readonly ({ role: string; name: string } | { kind: 'group' })[],
): PlaceholderValues {
  const clients = people.filter((p): p is { role: string; name: string } => 'role' in p && p.role === 'client');
  return {
    clientFirstName: clients.length === 1 && clients[0] ? firstNameOf(clients[0].name) : null,
    staffName: me.user.name,
    practiceName: me.practice.name,
  };
}
