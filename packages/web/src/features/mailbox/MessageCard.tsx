import { initialsOf } from '../../components/initials';
import type { MessageReceipts } from '@confide/api';
import type { Message } from '../../api';
import { Badge } from '../../components/Badge';
import { Button } from '../../components/Button';
import { TrashIcon } from '../../components/icons';
import { ReadReceipts } from '../receipts/ReadReceipts';
import { ReplyBy } from '../safety/ReplyBy';
import { AttachmentView } from './AttachmentView';
import { longTime, roleLabel } from './format';

/** One message: who, when, the (server-sanitized) body, attachments, and delete when allowed. */
export function MessageCard({
  message,
  isMine,
  isAwaitingReply = false,
  receipts,
  onDelete,
}: {
  message: Message;
  isMine: boolean;
  /** The client's message still waiting for a reply: it shows the promise (R39). */
  isAwaitingReply?: boolean;
  /** R47: who has read it, on the viewer's own messages. */
  receipts?: MessageReceipts;
  onDelete: (message: Message) => void;
}) {
  const isProvider = message.sender.role === 'provider';
  return (
    <article
      className={`message${isProvider ? ' message-provider' : ''}`}
      aria-label={`Message from ${message.sender.name}`}
    >
      <header className="message-head">
        <span className="avatar" aria-hidden="true">
          {initialsOf(message.sender.name)}
        </span>
        <div className="message-who">
          <strong>{isMine ? `${message.sender.name} (you)` : message.sender.name}</strong>
          <Badge tone={isProvider ? 'accent' : 'neutral'}>{roleLabel(message.sender.role)}</Badge>
        </div>
        <time className="message-time muted small" dateTime={message.createdAt}>
          {longTime(message.createdAt)}
        </time>
      </header>
      {/* The server sanitizes every body to the R5 formatting set before storing it. */}
      <div className="message-body rich-text" dangerouslySetInnerHTML={{ __html: message.body }} />
      {message.attachments.length > 0 && (
        <div className="attachments" aria-label="Attachments">
          {message.attachments.map((attachment) => (
            <AttachmentView key={attachment.id} attachment={attachment} />
          ))}
        </div>
      )}
      {receipts && <ReadReceipts receipts={receipts} />}
      {isAwaitingReply && message.expectedReplyBy && <ReplyBy iso={message.expectedReplyBy} audience="staff" />}
      {message.canDelete && (
        <footer className="message-foot">
          <Button size="small" variant="ghost" className="btn-danger-text" onClick={() => onDelete(message)}>
            <TrashIcon />
            Delete message
          </Button>
        </footer>
      )}
    </article>
  );
}
