import type { AutoReply, Message, MessageReceipts } from '@confide/api';
import { useEffect, useRef, type ReactNode } from 'react';
import { AutoReplyBubble } from '../out-of-office/AutoReplyBubble';
import { ReadReceipts } from '../receipts/ReadReceipts';
import { ReplyBy } from '../safety/ReplyBy';
import { awaitingReply } from '../safety/reply-by';
import { ChatBubble } from './ChatBubble';
import { DeliveryStatus } from './DeliveryStatus';
import { formatDayLabel, isNewDay } from './format-time';
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
  notes,
  receipts,
  emptyText,
}: {
  meId: string;
  messages: Message[];
  autoReplies?: AutoReply[];
  outgoing: OutgoingMessage[];
  /** A line under some messages, by message id (such as the group thread a message belongs to). */
  notes?: Map<string, ReactNode>;
  /** R47: who has read the client's own messages, where the practice shows clients receipts. */
  receipts?: Map<string, MessageReceipts>;
  emptyText?: string;
}) {
  const stored = new Set(messages.map((m) => m.id));
  const sentHere = new Map(outgoing.filter((o) => o.messageId).map((o) => [o.messageId!, o]));
  const waiting = outgoing.filter((o) => !o.messageId || !stored.has(o.messageId));
  const box = useRef<HTMLDivElement>(null);
  const count = messages.length + autoReplies.length + waiting.length;
  const latest = outgoing.at(-1);
  const promised = awaitingReply(messages);
  const items = inTimeOrder(messages, autoReplies);
  const lastKey = `${count}:${items.at(-1)?.id ?? ''}:${waiting.at(-1)?.localId ?? ''}:${latest?.state ?? ''}`;

  // Keep the newest in view, in the timeline's own box: scrolling the page would push the text
  // field and Send below a phone's fold.
  useEffect(() => {
    const node = box.current;
    if (!node) return;
    node.scrollTop = node.scrollHeight;
    // On a phone the page scrolls too, so the newest message, the text field and Send share the screen.
    if (window.matchMedia?.('(max-width: 767px)').matches) {
      node.closest('section')?.scrollIntoView?.({ block: 'end' });
    }
  }, [lastKey]);

  let previousAt: string | undefined;
  const daySeparator = (at: string, key: string) => {
    const isNew = isNewDay(previousAt, at);
    previousAt = at;
    return isNew ? (
      <li key={`day-${key}`} className="portal-day">
        <span>{formatDayLabel(at)}</span>
      </li>
    ) : null;
  };

  return (
    // Focusable, so a keyboard can scroll the conversation (axe: scrollable-region-focusable).
    <div className="portal-timeline" ref={box} tabIndex={0} role="region" aria-label="Conversation so far">
      {count === 0 && emptyText && <p className="portal-timeline-empty">{emptyText}</p>}
      <ol className="portal-bubbles" aria-label="Messages">
        {items.map((item) => {
          const separator = daySeparator(item.at, item.id);
          if (item.kind === 'auto') return [separator, <AutoReplyBubble key={item.reply.id} reply={item.reply} />];
          const m = item.message;
          const mine = m.sender.id === meId;
          const local = sentHere.get(m.id);
          return [
            separator,
            <ChatBubble
              key={m.id}
              isMine={mine}
              sender={m.sender}
              html={m.body}
              createdAt={m.createdAt}
              attachments={m.attachments}
              status={mine ? <OwnStatus local={local} receipts={receipts?.get(m.id)} /> : undefined}
              note={
                m === promised && m.expectedReplyBy ? (
                  <ReplyBy iso={m.expectedReplyBy} audience="client" />
                ) : (
                  notes?.get(m.id)
                )
              }
            />,
          ];
        })}
        {waiting.map((o) => [
          daySeparator(o.createdAt, o.localId),
          <ChatBubble
            key={o.localId}
            isMine
            sender={null}
            text={o.text}
            createdAt={o.createdAt}
            attachments={o.attachments}
            status={<DeliveryStatus message={o} />}
          />,
        ])}
      </ol>
      <p className="visually-hidden" aria-live="polite" role="status">
        {latest ? liveWords[latest.state] : ''}
      </p>
    </div>
  );
}

type TimelineItem = { id: string; at: string } & (
  { kind: 'message'; message: Message } | { kind: 'auto'; reply: AutoReply }
);

/** Messages and automatic replies by time; a reply follows the message that caused it (same time). */
function inTimeOrder(messages: Message[], autoReplies: AutoReply[]): TimelineItem[] {
  const items: TimelineItem[] = [
    ...messages.map((message) => ({ kind: 'message' as const, id: message.id, at: message.createdAt, message })),
    ...autoReplies.map((reply) => ({ kind: 'auto' as const, id: reply.id, at: reply.createdAt, reply })),
  ];
  return items.sort((a, b) => a.at.localeCompare(b.at) || (a.kind === b.kind ? 0 : a.kind === 'message' ? -1 : 1));
}

/** Under the client's own message: this tab's delivery state, then who has read it (R47). */
function OwnStatus({ local, receipts }: { local?: OutgoingMessage; receipts?: MessageReceipts }) {
  return (
    <>
      {local && <DeliveryStatus message={local} />}
      {receipts && <ReadReceipts receipts={receipts} className="portal-receipts" />}
    </>
  );
}
