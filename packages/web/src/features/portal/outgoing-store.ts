import type { AttachmentInfo } from '@confide/api';
import { useSyncExternalStore } from 'react';

/** A message the client sent from this tab, with its delivery state (R25). */
export interface OutgoingMessage {
  localId: string;
  /** Which chat it belongs to: a person's id, or a thread id in the mail layout. */
  chatKey: string;
  text: string;
  attachments: AttachmentInfo[];
  createdAt: string;
  state: 'sending' | 'sent' | 'failed';
  error?: string;
  /** The stored message's id once the server answered 201. */
  messageId?: string;
  deliver: () => Promise<{ messageId: string }>;
}

// Module state, not component state: a failed message survives leaving the screen (never silently lost).
let items: OutgoingMessage[] = [];
const listeners = new Set<() => void>();
let counter = 0;

function set(next: OutgoingMessage[]) {
  items = next;
  listeners.forEach((l) => l());
}

function patch(localId: string, change: Partial<OutgoingMessage>) {
  set(items.map((m) => (m.localId === localId ? { ...m, ...change } : m)));
}

async function attempt(localId: string, describe: (error: unknown) => string, onSent: () => void) {
  const item = items.find((m) => m.localId === localId);
  if (!item) return;
  patch(localId, { state: 'sending', error: undefined });
  try {
    const { messageId } = await item.deliver();
    patch(localId, { state: 'sent', messageId });
    onSent();
  } catch (error) {
    patch(localId, { state: 'failed', error: describe(error) });
  }
}

/** Queues a message and delivers it; failures stay in the chat with a Retry button. */
export function sendOutgoing(
  message: Omit<OutgoingMessage, 'localId' | 'state' | 'createdAt'>,
  describe: (error: unknown) => string,
  onSent: () => void,
): void {
  counter += 1;
  const localId = `local-${Date.now()}-${counter}`;
  set([...items, { ...message, localId, state: 'sending', createdAt: new Date().toISOString() }]);
  void attempt(localId, describe, onSent);
}

/** Tries a failed message again, with the same text and files. */
export function retryOutgoing(localId: string, describe: (error: unknown) => string, onSent: () => void): void {
  void attempt(localId, describe, onSent);
}

/** Forgets a failed message the client chose to discard. */
export function discardOutgoing(localId: string): void {
  set(items.filter((m) => m.localId !== localId));
}

/** Forgets everything (sign-out): nothing of a message outlives the session in this tab. */
export function clearOutgoing(): void {
  set([]);
}

/** The outgoing messages of one chat. */
export function useOutgoing(chatKey: string): OutgoingMessage[] {
  const all = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
  return all.filter((m) => m.chatKey === chatKey);
}
