import { teamNames, type Draft, type Team } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Button } from '../../components/Button';
import { TextInput } from '../../components/Field';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useDrafts } from '../mailbox/mailbox-queries';
import { AwayNote } from '../out-of-office/AwayNote';
import { AttachmentList } from './AttachmentList';
import { ChatComposer } from './ChatComposer';
import { roleLabel } from './conversations';
import { htmlToText } from './message-text';
import { MessageTimeline } from './MessageTimeline';
import { useOutgoing } from './outgoing-store';
import { deleteDraft, saveDraft, sendDraft, type DraftTo } from './portal-drafts';
import { useRecipients } from './portal-queries';
import { DEFAULT_CHAT_SUBJECT, describeSendError, sendChatMessage } from './send-message';

/**
 * A new message — in the mail layout, or to a team (R46) in either: recipient and subject from the
 * pop-up (or a draft being resumed, R7), then the text; it can be saved as a draft, and a resumed
 * draft deleted.
 */
export function NewMessagePage({ base }: { base: string }) {
  const state = useLocation().state as { personId?: string; team?: Team; subject?: string; draftId?: string } | null;
  const drafts = useDrafts();
  // The draft as it was opened: once sent or deleted it leaves the list, while this page moves on.
  const opened = useRef<Draft | undefined>(undefined);
  if (state?.draftId) {
    if (drafts.isPending) return <LoadingBlock label="Loading your draft…" />;
    opened.current ??= drafts.data?.find((d) => d.id === state.draftId);
    const draft = opened.current;
    const to = draft?.to[0];
    if (!draft || !to || 'group' in to) return <Navigate to={`${base}?folder=drafts`} replace />;
    return <NewMessage key={draft.id} base={base} to={to} initialSubject={draft.subject} draft={draft} />;
  }
  const to: DraftTo | undefined = state?.team
    ? { team: state.team }
    : state?.personId
      ? { userId: state.personId }
      : undefined;
  if (!to) return <Navigate to={base} replace />;
  return <NewMessage base={base} to={to} initialSubject={state?.subject ?? ''} />;
}

function NewMessage({
  base,
  to,
  initialSubject,
  draft,
}: {
  base: string;
  to: DraftTo;
  initialSubject: string;
  draft?: Draft;
}) {
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [subject, setSubject] = useState(initialSubject);
  const [problem, setProblem] = useState<string | null>(null);
  const recipients = useRecipients();
  const team = 'team' in to ? to.team : undefined;
  const personId = 'userId' in to ? to.userId : undefined;
  const chatKey = `new:${team ? `team:${team}` : (personId ?? '')}`;
  const outgoing = useOutgoing(chatKey);
  const person = recipients.data?.recipients.find((r) => r.id === personId);
  const name = team ? teamNames[team] : person?.name;
  const kept = draft?.attachments ?? [];
  const toDrafts = () => navigate(`${base}?folder=drafts`);
  const fail = (error: unknown) => setProblem(describeSendError(error));
  const open = (threadId: string) => void navigate(`${base}/thread/${encodeURIComponent(threadId)}`, { replace: true });

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
        {draft && (
          <div className="portal-thread-actions">
            <Button size="small" onClick={() => void deleteDraft(client, draft.id).then(toDrafts, fail)}>
              Delete draft
            </Button>
          </div>
        )}
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
      {problem && <Alert>{problem}</Alert>}
      <MessageTimeline meId={me.user.id} messages={[]} outgoing={outgoing} />
      {kept.length > 0 && (
        <div className="portal-draft-files">
          <p>Attached to this draft:</p>
          <AttachmentList attachments={kept} />
        </div>
      )}
      {person?.away && <AwayNote name={person.name} away={person.away} />}
      <ChatComposer
        minBodyLength={me.practice.minBodyLength}
        initialText={draft ? htmlToText(draft.body) : ''}
        onSaveDraft={(text, files) =>
          void saveDraft(client, draft?.id, { to, subject, text, attachments: [...kept, ...files] }).then(
            toDrafts,
            fail,
          )
        }
        onSend={(text, files) => {
          if (draft) {
            void sendDraft(client, draft.id, {
              to,
              subject: subject.trim() || DEFAULT_CHAT_SUBJECT,
              text,
              attachments: [...kept, ...files],
            }).then(open, fail);
            return;
          }
          sendChatMessage(
            client,
            chatKey,
            team ? { team, subject } : { personId: personId ?? '', subject, isNewThread: true },
            text,
            files,
            open,
          );
        }}
      />
    </section>
  );
}
