import type { AwayStatus, Person } from '@confide/api';
import { Link } from 'react-router';
import { useMe } from '../../session/session';
import { formatAwayUntil } from '../out-of-office/away';
import { formatMessageTime } from './format-time';
import { initialsOf } from '../../components/initials';
import { roleLabel, type Conversation } from './conversations';

/**
 * One card per person the client can chat with, plus "Group messages" when there are any (R23);
 * a card says "Away until Mon" while the person is out of office (R40).
 */
export function ProviderCards({
  people,
  conversations,
  unavailable,
  away,
  selectedId,
  groupCount,
  groupUnread,
  isGroupSelected,
  base,
}: {
  people: Person[];
  conversations: Conversation[];
  unavailable: Map<string, string>;
  away: Map<string, AwayStatus>;
  selectedId: string | undefined;
  groupCount: number;
  groupUnread: boolean;
  isGroupSelected: boolean;
  base: string;
}) {
  const me = useMe();
  const byPerson = new Map(conversations.map((c) => [c.person.id, c]));
  return (
    <nav className="portal-cards" aria-label="Your providers and contacts">
      <ul>
        {people.map((person) => {
          const conversation = byPerson.get(person.id);
          const reason = unavailable.get(person.id);
          const awayStatus = away.get(person.id);
          const isSelected = person.id === selectedId;
          return (
            <li key={person.id}>
              <Link
                to={`${base}/with/${encodeURIComponent(person.id)}`}
                className={isSelected ? 'portal-card is-selected' : 'portal-card'}
                aria-current={isSelected ? 'page' : undefined}
              >
                <span className="portal-avatar" aria-hidden="true">
                  {initialsOf(person.name)}
                </span>
                <span className="portal-card-text">
                  <span className="portal-card-name">{person.name}</span>
                  <span className="portal-card-role">{roleLabel(person.role)}</span>
                  {awayStatus && !reason && (
                    <span className="portal-card-away">
                      Away until {formatAwayUntil(awayStatus.until, me.practice.timeZone)}
                    </span>
                  )}
                  <span className="portal-card-meta">
                    {reason
                      ? 'Unavailable for messaging'
                      : conversation
                        ? `Last message ${formatMessageTime(conversation.lastMessageAt)}`
                        : 'No messages yet'}
                  </span>
                </span>
                {conversation?.unread && <span className="portal-unread-mark">Unread</span>}
              </Link>
            </li>
          );
        })}
        {groupCount > 0 && (
          <li>
            <Link
              to={`${base}/groups`}
              className={isGroupSelected ? 'portal-card is-selected' : 'portal-card'}
              aria-current={isGroupSelected ? 'page' : undefined}
            >
              <span className="portal-avatar portal-avatar-group" aria-hidden="true">
                ∴
              </span>
              <span className="portal-card-text">
                <span className="portal-card-name">Group messages</span>
                <span className="portal-card-meta">
                  {groupCount} {groupCount === 1 ? 'conversation' : 'conversations'} with several people
                </span>
              </span>
              {groupUnread && <span className="portal-unread-mark">Unread</span>}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
