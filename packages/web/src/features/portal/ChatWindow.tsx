import type { AutoReply, AwayStatus, Message, Person } from '@confide/api';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { AwayNote } from '../out-of-office/AwayNote';
import { Alert } from '../../components/Toast';
import { LoadingBlock } from '../../components/Spinner';
import { ChatComposer } from './ChatComposer';
import { replyTarget, roleLabel, type Conversation } from './conversations';
import { MessageTimeline } from './MessageTimeline';
import { useReceipts } from '../receipts/receipts-queries';
import { useOutgoing } from './outgoing-store';
import { useThreads } from './portal-queries';
import { SharedThreadNote } from './SharedThreadNote';
import { sendChatMessage } from './send-message';

/**
 * The conversation with one person: every 1:1 thread with them merged in time order, and the
 * text field under it (R23–R25). New messages join the newest thread that takes replies, or
 * start one when there is none (or when the client picked a topic in the compose pop-up).
 */
export function ChatWindow({
  meId,
  person,
  away,
  conversation,
  blockedReason,
  minBodyLength,
  initialSubject,
  backTo,
  base,
}: {
  meId: string;
  person: Person;
  /** R40: set while the person is out of office. */
  away?: AwayStatus;
  conversation: Conversation | undefined;
  blockedReason: string | null;
  minBodyLength: number;
  initialSubject?: string;
  backTo?: string;
  /** The Messages page's address, for links to threads shared with other staff. */
  base: string;
}) {
  const client = useQueryClient();
  const [subject, setSubject] = useState(initialSubject);
  const ownIds = conversation?.threads.map((t) => t.id) ?? [];
  const shared = conversation?.sharedThreads ?? [];
  const details = useThreads([...ownIds, ...shared.map((t) => t.id)]);
  const outgoing = useOutgoing(person.id);
  const receipts = useReceipts(ownIds);
  const isLoading = details.some((d) => d.isPending);
  const failed = details.find((d) => d.error);
  const own = details.slice(0, ownIds.length);
  // From a thread shared with other staff, this person's own words only (each saying which thread);
  // the rest of it is under Group messages.
  const sharedDetails = details.slice(ownIds.length).flatMap((d) => (d.data ? [d.data] : []));
  const fromShared = sharedDetails.flatMap((thread) =>
    (thread.messages ?? []).filter((m) => m.sender.id === person.id).map((m) => ({ m, thread })),
  );
  const messages = dedupe([...own.flatMap((d) => d.data?.messages ?? []), ...fromShared.map((s) => s.m)]).sort((a, b) =>
    a.createdAt.localeCompare(b.createdAt),
  );
  const autoReplies = dedupe(own.flatMap((d) => d.data?.autoReplies ?? []));
  const groupNotes = new Map(
    fromShared.map(({ m, thread }) => [
      m.id,
      <SharedThreadNote key="shared" base={base} thread={thread} meId={meId} />,
    ]),
  );

  const onSend = (text: string, attachments: Parameters<typeof sendChatMessage>[4]) => {
    const target = replyTarget(conversation);
    const usesTopic = Boolean(subject?.trim());
    sendChatMessage(
      client,
      person.id,
      target && !usesTopic ? { threadId: target.id } : { personId: person.id, subject },
      text,
      attachments,
    );
    // The topic names one new thread; later messages follow in it.
    if (usesTopic) setSubject(undefined);
  };

  return (
    <section className="portal-chat" aria-labelledby="portal-chat-title">
      <header className="portal-chat-header">
        {backTo && (
          <Link to={backTo} className="portal-back">
            <span aria-hidden="true">‹</span> All conversations
          </Link>
        )}
        <h2 id="portal-chat-title" className="portal-chat-title">
          {person.name}
          <span className="portal-chat-role">{roleLabel(person.role)}</span>
        </h2>
      </header>
      {isLoading && <LoadingBlock label="Loading messages…" />}
      {failed && <Alert>These messages could not be loaded. Check your connection and reload the page.</Alert>}
      {!isLoading && (
        <MessageTimeline
          meId={meId}
          messages={messages}
          autoReplies={autoReplies}
          outgoing={outgoing}
          notes={groupNotes}
          receipts={receipts}
          emptyText={`No messages with ${person.name} yet.${blockedReason ? '' : ' Write below to start.'}`}
        />
      )}
      {subject && !blockedReason && (
        <p className="portal-chat-topic">
          New conversation about: <strong>{subject}</strong>
        </p>
      )}
      {away && !blockedReason && <AwayNote name={person.name} away={away} />}
      {blockedReason ? (
        <div className="portal-blocked" role="note">
          <p>{blockedReason}</p>
        </div>
      ) : (
        <ChatComposer
          minBodyLength={minBodyLength}
          onSend={onSend}
          label={`Message to ${person.name}`}
          autoFocus={Boolean(initialSubject !== undefined)}
        />
      )}
    </section>
  );
}

function dedupe<T extends Message | AutoReply>(items: T[]): T[] {
  return [...new Map(items.map((m) => [m.id, m])).values()];
}
