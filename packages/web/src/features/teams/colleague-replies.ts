import { useRef } from 'react';
import type { Message, Person } from '../../api';

/** R46: the staff other than me who wrote a message not among those first shown. */
export function colleaguesSince(seen: ReadonlySet<string>, messages: Message[], meId: string): Person[] {
  const people = new Map<string, Person>();
  for (const m of messages) {
    if (!seen.has(m.id) && m.sender.kind === 'staff' && m.sender.id !== meId) people.set(m.sender.id, m.sender);
  }
  return [...people.values()];
}

/**
 * R46: the colleagues (staff other than me) who wrote in this thread since I opened it — the
 * messages first shown are remembered per thread; later ones arrive through live events.
 */
export function useColleagueRepliesSinceOpened(
  threadId: string,
  messages: Message[] | undefined,
  meId: string,
): Person[] {
  const opened = useRef<{ threadId: string; seen: Set<string> } | null>(null);
  if (!messages) return [];
  if (opened.current?.threadId !== threadId) {
    opened.current = { threadId, seen: new Set(messages.map((m) => m.id)) };
  }
  return colleaguesSince(opened.current.seen, messages, meId);
}
