import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api, errorMessage, queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { LoadingBlock } from '../../components/Spinner';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { ReplyComposer } from './ReplyComposer';
import { MessageTimeline } from './MessageTimeline';
import { useReceipts } from '../receipts/receipts-queries';
import { useOutgoing } from './outgoing-store';
import { useThread } from './portal-queries';

/** One thread, mail style (R27) — also how group threads open, with R9's sentence when replies are off. */
export function ThreadView({ base }: { base: string }) {
  const { threadId = '' } = useParams();
  const me = useMe();
  const client = useQueryClient();
  const navigate = useNavigate();
  const query = useThread(threadId);
  const outgoing = useOutgoing(`thread:${threadId}`);
  const receipts = useReceipts([threadId]);
  const [actionError, setActionError] = useState<string | null>(null);
  const thread = query.data;

  const patch = async (change: { read?: boolean; archived?: boolean }, then: string | null) => {
    try {
      await api.patch(`/api/threads/${encodeURIComponent(threadId)}`, change);
      await client.invalidateQueries({ queryKey: queryKeys.allThreads });
      if (then) await navigate(then);
      else await client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
    } catch (error) {
      setActionError(errorMessage(error));
    }
  };

  if (query.isPending) return <LoadingBlock label="Loading the conversation…" />;
  if (!thread)
    return (
      <Alert>
        This conversation is not available. It may have been deleted. <Link to={base}>Back to messages</Link>
      </Alert>
    );
  const others = thread.participants.filter((p) => p.id !== me.user.id).map((p) => p.name);
  return (
    <section className="portal-chat portal-thread" aria-labelledby="portal-thread-title">
      <header className="portal-chat-header">
        <Link to={base} className="portal-back">
          <span aria-hidden="true">‹</span> All messages
        </Link>
        <h2 id="portal-thread-title" className="portal-chat-title">
          {thread.subject}
          <span className="portal-chat-role">With {others.join(', ')}</span>
        </h2>
        <div className="portal-thread-actions">
          <Button size="small" onClick={() => void patch({ read: false }, base)}>
            Mark unread
          </Button>
          <Button size="small" onClick={() => void patch({ archived: !thread.archived }, base)}>
            {thread.archived ? 'Move to Inbox' : 'Archive'}
          </Button>
        </div>
      </header>
      {actionError && <Alert>{actionError}</Alert>}
      <MessageTimeline
        meId={me.user.id}
        messages={thread.messages}
        autoReplies={thread.autoReplies}
        outgoing={outgoing}
        receipts={receipts}
      />
      {thread.canReply ? (
        <ReplyComposer threadId={threadId} minBodyLength={me.practice.minBodyLength} />
      ) : (
        <div className="portal-blocked" role="note">
          <p>{thread.replyBlockedReason ?? 'Replies are turned off for this conversation.'}</p>
        </div>
      )}
    </section>
  );
}
