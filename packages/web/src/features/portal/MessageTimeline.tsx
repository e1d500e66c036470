import type { AutoReply, Message } from '@confide/api';
import { useEffect, useRef } from 'react';
import { AutoReplyBubble } from '../out-of-office/AutoReplyBubble';
import { ReplyBy } from '../safety/ReplyBy';
import { awaitingReply } from '../safety/reply-by';
import { ChatBubble } from './ChatBubble';
import { DeliveryStatus } from './DeliveryStatus';
import type { OutgoingMessage } from './outgoing-store';

const liveWords = { sending: 'Sending your message…', sent: 'Message sent.', failed: 'Message not sent.' } as const;

/**
 * The chat window's messages, oldest first, with the practice's automatic replies in their place
 * (R40) and this tab's outgoing ones and their delivery state. Keeps the newest in view and
 * announces delivery changes to screen readers.
 */
export function MessageTimeline({
  meId,
  messages,
  autoReplies = [],
  outgoing,
  emptyText,
}: {
  meId: string;
  messages: Message[];
  autoReplies?: AutoReply[];
  outgoing: OutgoingMessage[];
  emptyText?: string;
}) {
  const stored = new Set(messages.map((m) => m.id));
  const sentHere = new Map(outgoing.filter((o) => o.messageId).map((o) => [o.messageId!, o]));
  const waiting = outgoing.filter((o) => !o.messageId || !stored.has(o.messageId));
  const end = useRef<HTMLLIElement>(null);
  const count = messages.length + autoReplies.length + waiting.length;
  const latest = outgoing.at(-1);
  const promised = awaitingReply(messages);

  useEffect(() => {
    end.current?.scrollIntoView?.({ block: 'end' });
  }, [count]);

  return (
    <div className="portal-timeline">
      {count === 0 && emptyText && <p className="portal-timeline-empty">{emptyText}</p>}
      <ol className="portal-bubbles" aria-label="Messages">
        {inTimeOrder(messages, autoReplies).map((item) => {
          if (item.kind === 'auto') return <AutoReplyBubble key={item.reply.id} reply={item.reply} />;
          const m = item.message;
          const mine = m.sender.id === meId;
          const local = sentHere.get(m.id);
          return (
            <ChatBubble
              key={m.id}
              isMine={mine}
              sender={m.sender}
              html={m.body}
              createdAt={m.createdAt}
              attachments={m.attachments}
              status={mine && local ? <DeliveryStatus message={local} /> : undefined}
              note={
                m === promised && m.expectedReplyBy ? <ReplyBy iso={m.expectedReplyBy} audience="client" /> : undefined
              }
            />
          );
        })}
        {waiting.map((o) => (
          <ChatBubble
            key={o.localId}
            isMine
            sender={null}
            text={o.text}
            createdAt={o.createdAt}
            attachments={o.attachments}
            status={<DeliveryStatus message={o} />}
          />
        ))}
        <li ref={end} aria-hidden="true" className="portal-bubbles-end" />
      </ol>
      <p className="visually-hidden" aria-live="polite" role="status">
        {latest ? liveWords[latest.state] : ''}
      </p>
    </div>
  );
}

type TimelineItem = { kind: 'message'; message: Message } | { kind: 'auto'; reply: AutoReply };

/** Messages and automatic replies by time; a reply follows the message that caused it (same time). */
function inTimeOrder(messages: Message[], autoReplies: AutoReply[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...messages.map((message) => ({ kind: 'message' as const, message })),
    ...autoReplies.map((reply) => ({ kind: 'auto' as const, reply })),
  ];
  const at = (item: TimelineItem) => (item.kind === 'message' ? item.message.createdAt : item.reply.createdAt);
  return items.sort((a, b) => at(a).localeCompare(at(b)) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}
