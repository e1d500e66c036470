import { ThreadsResponse } from '@confide/api';
import { api } from '../../api';

const key = (userId: string) => `confide.hasSent.${userId}`;

/**
 * Whether the send about to happen is this person's first ever (the guide's congratulations):
 * nothing in Sent yet. Remembered per browser so the check runs once.
 */
export async function isAboutToSendFirst(userId: string): Promise<boolean> {
  try {
    if (window.localStorage.getItem(key(userId))) return false;
    const sent = await api.get('/api/threads?folder=sent&limit=1', ThreadsResponse);
    return sent.threads.length === 0;
  } catch {
    return false;
  }
}

/** Remembers that this person has sent a message. */
export function rememberSent(userId: string): void {
  try {
    window.localStorage.setItem(key(userId), '1');
  } catch {
    // private mode: the congratulations may show again, which is harmless
  }
}

export const FIRST_SEND_TEXT = "🎉 You've sent your first secure message!";
