import { REPLY_BLOCKED_INACTIVE_CLIENT, type AwayStatus, type Person, type RecipientsResponse } from '@confide/api';
import { replyTarget, type Conversation } from './conversations';

type RecipientOption = RecipientsResponse['recipients'][number];

/** The cards: people with a conversation (newest first), then care-team providers not yet written to. */
export function chatPeople(conversations: Conversation[], recipients: RecipientOption[]): Person[] {
  const people: Person[] = conversations.map((c) => c.person);
  const known = new Set(people.map((p) => p.id));
  for (const r of recipients) {
    if (r.role === 'provider' && !known.has(r.id)) {
      people.push({ id: r.id, name: r.name, kind: r.kind, role: r.role });
      known.add(r.id);
    }
  }
  return people;
}

/** Why the client cannot write to this person now (R3), or null when they can. */
export function blockedReasonFor(
  person: Person,
  conversation: Conversation | undefined,
  recipients: RecipientOption[],
  isInactive: boolean,
): string | null {
  const option = recipients.find((r) => r.id === person.id);
  if (isInactive && person.role === 'provider') return option?.unavailableReason ?? REPLY_BLOCKED_INACTIVE_CLIENT;
  if (option && !option.available) return option.unavailableReason ?? 'This person is not available for messaging.';
  if (!option && !replyTarget(conversation)) {
    return 'You can read these messages, but you cannot start a new conversation with this person.';
  }
  return null;
}

/** Unavailable people by id, with the reason, for the cards. */
export function unavailableMap(recipients: RecipientOption[]): Map<string, string> {
  return new Map(
    recipients.filter((r) => !r.available).map((r) => [r.id, r.unavailableReason ?? 'Unavailable for messaging']),
  );
}

/** R40: the people who are out of office now, by id, for the cards and the chat window. */
export function awayMap(recipients: RecipientOption[]): Map<string, AwayStatus> {
  return new Map(recipients.flatMap((r) => (r.away ? [[r.id, r.away] as const] : [])));
}
