import type { Person } from '@confide/api';
import { Link } from 'react-router';
import { roleLabel, type Conversation } from './conversations';

/**
 * R23: a client with one provider sees that chat at once; their other conversations (front
 * office, billing, group messages) stay one click away in this line above it.
 */
export function OtherConversations({
  base,
  people,
  conversations,
  groupCount,
  groupUnread,
}: {
  base: string;
  people: Person[];
  conversations: Conversation[];
  groupCount: number;
  groupUnread: boolean;
}) {
  if (people.length === 0 && groupCount === 0) return null;
  const unreadIds = new Set(conversations.filter((c) => c.unread).map((c) => c.person.id));
  return (
    <nav className="portal-others" aria-label="Other conversations">
      <span className="portal-others-label">Other conversations:</span>
      <ul>
        {people.map((person) => (
          <li key={person.id}>
            <Link to={`${base}/with/${encodeURIComponent(person.id)}`} className="portal-others-link">
              {person.name} <span className="portal-others-role">({roleLabel(person.role)})</span>
              {unreadIds.has(person.id) && <span className="portal-unread-mark">Unread</span>}
            </Link>
          </li>
        ))}
        {groupCount > 0 && (
          <li>
            <Link to={`${base}/groups`} className="portal-others-link">
              Group messages ({groupCount}){groupUnread && <span className="portal-unread-mark">Unread</span>}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}
