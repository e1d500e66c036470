import { Fragment, lazy, Suspense, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { AutoReply } from '@confide/api';
import { ApiError, errorMessage, type Message } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { EmptyState } from '../../components/EmptyState';
import { LoadingBlock } from '../../components/Spinner';
import { Alert, useToast } from '../../components/Toast';
import { useMe } from '../../session/session';
import { useTitle } from '../../session/use-title';
import { roleLabel } from './format';
import { useDeleteMessage, useDeleteThread, usePatchThread, useThread } from './mailbox-queries';
import { AutoReplyCard } from '../out-of-office/AutoReplyCard';
import { CoveringNote } from '../out-of-office/CoveringNote';
import { awaitingReply } from '../safety/reply-by';
import { CrisisBanner } from './CrisisBanner';
import { ExportLinks } from './ExportLinks';
import { OverdueBanner } from './OverdueBanner';
import { InactiveClientNote } from './InactiveClientNote';
import { MessageCard } from './MessageCard';
import { useReceipts } from '../receipts/receipts-queries';
import { QuickNoteDialog } from './QuickNoteDialog';
import { useColleagueRepliesSinceOpened } from '../teams/colleague-replies';
import { TeamAssignmentPanel } from '../teams/TeamAssignmentPanel';

const ReplyComposer = lazy(() => import('../compose/ReplyComposer').then((m) => ({ default: m.ReplyComposer })));

/** R8: a thread with everything written back and forth, replies, Quick Note and deletion. */
export function ThreadPage() {
  const { threadId = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const toast = useToast();
  const base = `/p/${me.practice.slug}`;
  const thread = useThread(threadId);
  const receipts = useReceipts([threadId]);
  const patch = usePatchThread(threadId);
  const deleteThread = useDeleteThread();
  const deleteMessage = useDeleteMessage(threadId);
  const [isReplying, setIsReplying] = useState(false);
  const [isQuickNote, setIsQuickNote] = useState(false);
  const [messageToDelete, setMessageToDelete] = useState<Message | null>(null);
  const [isDeletingThread, setIsDeletingThread] = useState(false);
  const colleagueReplies = useColleagueRepliesSinceOpened(threadId, thread.data?.messages, me.user.id);
  useTitle('Message');

  if (thread.isPending) return <LoadingBlock label="Opening the message…" />;
  if (thread.isError) {
    const isGone = thread.error instanceof ApiError && thread.error.status === 404;
    return (
      <main id="main" className="page page-narrow">
        <div className="card">
          <EmptyState
            title={isGone ? 'This message is not available' : 'The message could not be loaded'}
            action={
              <Link to={`${base}/mail/inbox`} className="btn">
                Back to Inbox
              </Link>
            }
          >
            {isGone ? 'It may have been deleted, or it was not sent to you.' : errorMessage(thread.error)}
          </EmptyState>
        </div>
      </main>
    );
  }

  const data = thread.data;
  const clients = data.participants.filter((person) => person.kind === 'client');
  const onlyClient = clients.length === 1 ? clients[0] : undefined;
  const canSeeNotes = me.user.role === 'provider' || me.user.admin;
  const waiting = awaitingReply(data.messages);

  return (
    <main id="main" className="page page-narrow thread-page">
      <div className="thread-toolbar">
        <Link to={`${base}/mail/${data.archived ? 'archive' : 'inbox'}`} className="btn btn-ghost btn-small">
          ← Back
        </Link>
        <span className="spacer" />
        <Button
          size="small"
          isBusy={patch.isPending && patch.variables?.read === false}
          onClick={() => patch.mutate({ read: false }, { onSuccess: () => void navigate(`${base}/mail/inbox`) })}
        >
          Mark unread
        </Button>
        <Button
          size="small"
          onClick={() =>
            patch.mutate(
              { archived: !data.archived },
              { onSuccess: () => toast(data.archived ? 'Moved to Inbox.' : 'Archived.') },
            )
          }
        >
          {data.archived ? 'Move to Inbox' : 'Archive'}
        </Button>
      </div>
      <header className="thread-header card card-pad">
        <h1 className="thread-title">{data.subject}</h1>
        <ul className="participants" aria-label="People in this thread">
          {data.participants.map((person) => (
            <li key={person.id}>
              <span>{person.id === me.user.id ? `${person.name} (you)` : person.name}</span>{' '}
              <Badge tone={person.kind === 'client' ? 'warning' : 'neutral'}>{roleLabel(person.role)}</Badge>
              {person.kind === 'client' && canSeeNotes && (
                <Link to={`${base}/clients/${person.id}/notes`} className="small participant-notes">
                  Chart notes
                </Link>
              )}
            </li>
          ))}
        </ul>
      </header>
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
        <ConfirmDialog
          title="Delete this message permanently?"
          confirmLabel="Delete message"
          isBusy={deleteMessage.isPending}
          error={deleteMessage.isError ? errorMessage(deleteMessage.error) : null}
          onCancel={() => (setMessageToDelete(null), deleteMessage.reset())}
          onConfirm={() =>
            deleteMessage.mutate(messageToDelete.id, {
              onSuccess: () => {
                setMessageToDelete(null);
                toast('The message was deleted.');
              },
            })
          }
        >
          <p>
            This is permanent and cannot be undone. The message and its attachments are destroyed for everyone in the
            thread and cannot be recovered.
          </p>
        </ConfirmDialog>
      )}
      {isDeletingThread && (
        <ConfirmDialog
          title="Delete the whole thread permanently?"
          confirmLabel="Delete thread"
          isBusy={deleteThread.isPending}
          error={deleteThread.isError ? errorMessage(deleteThread.error) : null}
          onCancel={() => (setIsDeletingThread(false), deleteThread.reset())}
          onConfirm={() =>
            deleteThread.mutate(data.id, {
              onSuccess: () => {
                toast('The thread was deleted.');
                void navigate(`${base}/mail/inbox`, { replace: true });
              },
            })
          }
        >
          <p>
            This is permanent and cannot be undone. Every message and attachment in “{data.subject}” is destroyed for
            everyone in it and cannot be recovered.
          </p>
        </ConfirmDialog>
      )}
    </main>
  );
}

/** R40: the automatic replies that came at or after this message and before the next one. */
function repliesAfter(message: Message, messages: Message[], replies: AutoReply[] = []): AutoReply[] {
  const next = messages[messages.indexOf(message) + 1];
  return replies.filter((r) => r.createdAt >= message.createdAt && (!next || r.createdAt < next.createdAt));
}
