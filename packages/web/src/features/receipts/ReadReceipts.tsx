import type { MessageReceipts, Receipt } from '@confide/api';
import { formatMessageTime } from '../portal/format-time';
import './receipts.css';

/** More recipients than this fold into "Read by 2 of 12" with the list behind a disclosure. */
const LISTED = 3;

function receiptText(receipt: Receipt): string {
  if (!receipt.read) return 'Not read yet';
  return receipt.readAt ? `Read ${formatMessageTime(receipt.readAt)}` : 'Read';
}

/** R47: under a message its sender wrote — per recipient, read or not and when. */
export function ReadReceipts({ receipts, className = '' }: { receipts: MessageReceipts; className?: string }) {
  const list = receipts.receipts;
  if (list.length === 0) return null;
  const readCount = list.filter((r) => r.read).length;
  const items = (
    <ul className="receipt-list">
      {list.map((receipt) => (
        <li key={receipt.recipient.id} className={receipt.read ? 'is-read' : undefined}>
          <span className="receipt-name">{receipt.recipient.name}</span>{' '}
          <span className="receipt-state">{receiptText(receipt)}</span>
        </li>
      ))}
    </ul>
  );
  return (
    <div className={`receipts small ${className}`} aria-label="Read receipts">
      {list.length <= LISTED ? (
        items
      ) : (
        <details>
          <summary>
            Read by {readCount} of {list.length}
          </summary>
          {items}
        </details>
      )}
    </div>
  );
}
