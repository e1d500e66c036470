import type { Person } from '@confide/api';
import { useLocation, useParams } from 'react-router';
import type { RecipientOption } from '../../api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { awayMap, blockedReasonFor, chatPeople, unavailableMap } from './chat-people';
import { ChatWindow } from './ChatWindow';
import { indexConversations } from './conversations';
import { GroupThreadList } from './GroupThreadList';
import { OtherConversations } from './OtherConversations';
import { ProviderCards } from './ProviderCards';
import { useAllThreads, useRecipients } from './portal-queries';

/**
 * The chat layout (R23): no history → "No Messages yet" and the green "Compose message";
 * one provider (or one person in all) → that chat window directly, with any other conversations
 * (front office, billing, group messages) one click away above it; several providers → profile
 * cards on the left, each opening its conversation (on a phone, cards and chat are two screens).
 */
export function ChatLayout({
  base,
  onCompose,
  showGroups,
}: {
  base: string;
  onCompose: () => void;
  showGroups?: boolean;
}) {
  const me = useMe();
  const { personId } = useParams();
  const location = useLocation();
  const all = useAllThreads();
  const recipients = useRecipients();
  const initialSubject = (location.state as { subject?: string } | null)?.subject;

  if (all.isPending || recipients.isPending) return <LoadingBlock label="Loading your messages…" />;
  if (all.error || recipients.error)
    return (
      <Alert>
        Your messages could not be loaded. Check your connection.{' '}
        <button type="button" className="portal-link-button" onClick={all.refetch}>
          Try again
        </button>
      </Alert>
    );

  const options = recipients.data?.recipients ?? [];
  const { conversations, groupThreads } = indexConversations(all.threads, me.user.id);
  const people = chatPeople(conversations, options);
  const selected = personId ? (people.find((p) => p.id === personId) ?? pickedPerson(personId, options)) : undefined;

  if (all.threads.length === 0 && !selected) {
    return (
      <EmptyState
        title="No Messages yet"
        action={
          <Button variant="primary" className="portal-go" onClick={onCompose}>
            Compose message
          </Button>
        }
      >
        Write to your provider, the front office or billing. Your conversations will appear here.
      </EmptyState>
    );
  }

  const providers = people.filter((p) => p.role === 'provider');
  // R23: one provider means no cards at all — their chat first, the rest in a line above it.
  const soleProvider = providers.length === 1 ? providers[0] : undefined;
  const isSingle = Boolean(soleProvider) || (people.length === 1 && groupThreads.length === 0);
  const shown = selected ?? (isSingle && !showGroups ? (soleProvider ?? people[0]) : undefined);
  const isHome = !showGroups && (!shown || shown.id === soleProvider?.id);
  const isInactive = me.user.status === 'inactive';
  const away = awayMap(options);
  const chat = shown && (
    <ChatWindow
      key={shown.id}
      meId={me.user.id}
      person={shown}
      away={away.get(shown.id)}
      conversation={conversations.find((c) => c.person.id === shown.id)}
      blockedReason={blockedReasonFor(
        shown,
        conversations.find((c) => c.person.id === shown.id),
        options,
        isInactive,
      )}
      minBodyLength={me.practice.minBodyLength}
      initialSubject={initialSubject}
      backTo={isSingle ? undefined : base}
      base={base}
    />
  );
  if (isSingle) {
    const withHistory = new Set(conversations.map((c) => c.person.id));
    return (
      <div className="portal-chat-single">
        <OtherConversations
          base={base}
          people={people.filter(
            (p) => p.id !== shown?.id && (withHistory.has(p.id) || (p.id === soleProvider?.id && !isHome)),
          )}
          conversations={conversations}
          groupCount={showGroups ? 0 : groupThreads.length}
          groupUnread={groupThreads.some((t) => t.unread)}
        />
        {showGroups ? <GroupThreadList threads={groupThreads} base={base} /> : chat}
      </div>
    );
  }

  const hasDetail = Boolean(shown) || Boolean(showGroups);
  return (
    <div className={hasDetail ? 'portal-split has-detail' : 'portal-split'}>
      <div className="portal-split-list">
        <ProviderCards
          base={base}
          people={people}
          conversations={conversations}
          unavailable={unavailableMap(options)}
          away={away}
          selectedId={shown?.id}
          groupCount={groupThreads.length}
          groupUnread={groupThreads.some((t) => t.unread)}
          isGroupSelected={Boolean(showGroups)}
        />
      </div>
      <div className="portal-split-detail">
        {showGroups ? (
          <GroupThreadList threads={groupThreads} base={base} />
        ) : (
          (chat ?? (
            <p className="portal-pick-hint">
              Choose a provider on the left to see your conversation, or{' '}
              <button type="button" className="portal-link-button" onClick={onCompose}>
                compose a new message
              </button>
              .
            </p>
          ))
        )}
      </div>
    </div>
  );
}

/** A person chosen in the compose pop-up who has no conversation yet. */
function pickedPerson(id: string, options: RecipientOption[]): Person | undefined {
  const o = options.find((r) => r.id === id);
  return o ? { id: o.id, name: o.name, kind: o.kind, role: o.role } : undefined;
}
