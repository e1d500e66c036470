import { Fragment, lazy, Suspense, useState } from 'react';
import { useParams } from 'react-router';
import type { AutoReply } from '@confide/api';
import { ApiError, errorMessage, type Message } from '../../api';
import { Button } from '../../components/Button';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { usePatchThread, useThread } from './mailbox-queries';
import { AutoReplyCard } from '../out-of-office/AutoReplyCard';
import { CoveringNote } from '../out-of-office/CoveringNote';
import { awaitingReply } from '../safety/reply-by';
import { CrisisBanner } from './CrisisBanner';
import { DeleteMessageDialog, DeleteThreadDialog } from './DeleteDialogs';
import { ExportLinks } from './ExportLinks';
import { OverdueBanner } from './OverdueBanner';
import { InactiveClientNote } from './InactiveClientNote';
import { MessageCard } from './MessageCard';
import { useReceipts } from '../receipts/receipts-queries';
import { QuickNoteDialog } from './QuickNoteDialog';
import { ThreadHeader, ThreadToolbar, ThreadUnavailable } from './ThreadParts';
import { useColleagueRepliesSinceOpened } from '../teams/colleague-replies';
import { TeamAssignmentPanel } from '../teams/TeamAssignmentPanel';

const ReplyComposer = lazy(() => import('../compose/ReplyComposer').then((m) => ({ default: m.ReplyComposer })));

/** R8: a thread with everything written back and forth, replies, Quick Note and deletion. */
export function ThreadPage() {
  const { threadId = '' } = useParams();
  const me = useMe();
  const toast = useToast();
  const base = `/p/${me.practice.slug}`;
  const thread = useThread(threadId);
  const receipts = useReceipts([threadId]);
  const patch = usePatchThread(threadId);
  const [isReplying, setIsReplying] = useState(false);
  const [isQuickNote, setIsQuickNote] = useState(false);
  const [messageToDelete, setMessageToDelete] = useState<Message | null>(null);
  const [isDeletingThread, setIsDeletingThread] = useState(false);
  const colleagueReplies = useColleagueRepliesSinceOpened(threadId, thread.data?.messages, me.user.id);
  useTitle('Message');

  if (thread.isPending) return <LoadingBlock label="Opening the message…" />;
  if (thread.isError) {
    const isGone = thread.error instanceof ApiError && thread.error.status === 404;
    return <ThreadUnavailable isGone={isGone} error={thread.error} base={base} />;
  }

  const data = thread.data;
  const clients = data.participants.filter((person) => person.kind === 'client');
  const onlyClient = clients.length === 1 ? clients[0] : undefined;
  const waiting = awaitingReply(data.messages);

  return (
    <main id="main" className="page page-narrow thread-page">
      <ThreadToolbar thread={data} patch={patch} />
      <ThreadHeader thread={data} />
      {data.team && <TeamAssignmentPanel thread={data} />}
      {data.alerts?.includes('crisis') && <CrisisBanner threadId={data.id} />}
      {data.alerts?.includes('overdue') && <OverdueBanner threadId={data.id} />}
      {data.coveringFor && data.coveringFor.length > 0 && <CoveringNote people={data.coveringFor} />}
      <InactiveClientNote people={clients} />
      {patch.isError && <Alert>{errorMessage(patch.error)}</Alert>}

      <section className="messages" aria-label="Messages">
        {data.messages.map((message) => (
          <Fragment key={message.id}>
            <MessageCard
              message={message}
              isMine={message.sender.id === me.user.id}
              isAwaitingReply={message === waiting}
              receipts={receipts.get(message.id)}
              onDelete={setMessageToDelete}
            />
            {repliesAfter(message, data.messages, data.autoReplies).map((reply) => (
              <AutoReplyCard key={reply.id} reply={reply} />
            ))}
          </Fragment>
        ))}
      </section>

      <section className="reply-area" aria-label="Reply">
        {data.canReply ? (
          isReplying ? (
            <Suspense fallback={<LoadingBlock label="Opening the editor…" />}>
              <ReplyComposer thread={data} colleagueReplies={colleagueReplies} onDone={() => setIsReplying(false)} />
            </Suspense>
          ) : (
            <Button variant="primary" onClick={() => setIsReplying(true)}>
              Reply
            </Button>
          )
        ) : (
          <Alert tone="info">{data.replyBlockedReason ?? 'Replies are turned off for this thread.'}</Alert>
        )}
        <div className="thread-actions">
          {data.canQuickNote && onlyClient && <Button onClick={() => setIsQuickNote(true)}>Quick Note</Button>}
          {me.user.kind === 'staff' && <ExportLinks threadId={data.id} />}
          {data.canDelete && (
            <Button variant="ghost" className="btn-danger-text" onClick={() => setIsDeletingThread(true)}>
              Delete thread
            </Button>
          )}
        </div>
      </section>

      {isQuickNote && onlyClient && (
        <QuickNoteDialog
          threadId={data.id}
          client={onlyClient}
          onClose={() => setIsQuickNote(false)}
          onSaved={() => {
            setIsQuickNote(false);
            toast(`Quick note saved to ${onlyClient.name}'s chart notes.`);
          }}
        />
      )}
      {messageToDelete && (
        <DeleteMessageDialog threadId={data.id} message={messageToDelete} onClose={() => setMessageToDelete(null)} />
      )}
      {isDeletingThread && <DeleteThreadDialog thread={data} onClose={() => setIsDeletingThread(false)} />}
    </main>
  );
}

/** R40: the automatic replies that came at or after this message and before the next one. */
function repliesAfter(message: Message, messages: Message[], replies: AutoReply[] = []): AutoReply[] {
  const next = messages[messages.indexOf(message) + 1];
  return replies.filter((r) => r.createdAt >= message.createdAt && (!next || r.createdAt < next.createdAt));
}
