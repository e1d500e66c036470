import { teamNames, type Team } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { TextInput } from '../../components/Field';
import { useMe } from '../../session/session';
import { AwayNote } from '../out-of-office/AwayNote';
import { ChatComposer } from './ChatComposer';
import { roleLabel } from './conversations';
import { MessageTimeline } from './MessageTimeline';
import { useOutgoing } from './outgoing-store';
import { useRecipients } from './portal-queries';
import { DEFAULT_CHAT_SUBJECT, sendChatMessage } from './send-message';

/**
 * A new message — in the mail layout, or to a team (R46) in either: recipient and subject from
 * the pop-up, then the text.
 */
export function NewMessagePage({ base }: { base: string }) {
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const state = useLocation().state as { personId?: string; team?: Team; subject?: string } | null;
  const [subject, setSubject] = useState(state?.subject ?? '');
  const recipients = useRecipients();
  const team = state?.team;
  const chatKey = `new:${team ? `team:${team}` : (state?.personId ?? '')}`;
  const outgoing = useOutgoing(chatKey);
  const personId = state?.personId;
  if (!personId && !team) return <Navigate to={base} replace />;
  const person = recipients.data?.recipients.find((r) => r.id === personId);
  const name = team ? teamNames[team] : person?.name;
  return (
    <section className="portal-chat" aria-labelledby="portal-new-title">
      <header className="portal-chat-header">
        <Link to={base} className="portal-back">
          <span aria-hidden="true">‹</span> All messages
        </Link>
        <h2 id="portal-new-title" className="portal-chat-title">
          New message to {name ?? '…'}
          {team ? (
            <span className="portal-chat-role">Team</span>
          ) : (
            person && <span className="portal-chat-role">{roleLabel(person.role)}</span>
          )}
        </h2>
      </header>
      <div className="portal-new-subject">
        <TextInput
          label="Subject"
          value={subject}
          maxLength={200}
          placeholder={DEFAULT_CHAT_SUBJECT}
          onChange={(e) => setSubject(e.target.value)}
        />
      </div>
      <MessageTimeline meId={me.user.id} messages={[]} outgoing={outgoing} />
      {person?.away && <AwayNote name={person.name} away={person.away} />}
      <ChatComposer
        minBodyLength={me.practice.minBodyLength}
        onSend={(text, files) =>
          sendChatMessage(
            client,
            chatKey,
            team ? { team, subject } : { personId: personId ?? '', subject, isNewThread: true },
            text,
            files,
            (threadId) => {
              void navigate(`${base}/thread/${encodeURIComponent(threadId)}`, { replace: true });
            },
          )
        }
      />
    </section>
  );
}
