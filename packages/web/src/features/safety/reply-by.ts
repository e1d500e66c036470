import type { Message } from '../../api';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, withDate: boolean, withZone: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}|${withZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: 'numeric',
      minute: '2-digit',
      hour12: true,
      ...(withDate ? { month: 'short', day: 'numeric' } : {}),
      ...(withZone ? { timeZoneName: 'short' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

/**
 * R39: a reply-by time as people say it, in the practice's time zone: "Thu, 5 pm", "Tue, 9:30 am";
 * a week or more away with the date ("Mon, Mar 30, 5 pm"); and with the zone ("Thu, 5 pm EST")
 * when the reader's own time zone is another one.
 */
export function formatReplyBy(iso: string, timeZone: string, now = new Date(), readerZone?: string): string {
  const date = new Date(iso);
  const reader = readerZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  const withDate = date.getTime() - now.getTime() >= 6 * 86_400_000 || date.getTime() < now.getTime() - 86_400_000;
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone, withDate, reader !== timeZone).formatToParts(date)) {
    parts[part.type] = part.value;
  }
  const minutes = parts.minute === '00' ? '' : `:${parts.minute}`;
  const time = `${parts.hour}${minutes} ${(parts.dayPeriod ?? '').toLowerCase()}`;
  const day = withDate ? `${parts.weekday}, ${parts.month} ${parts.day}` : parts.weekday;
  return `${day}, ${time}${parts.timeZoneName ? ` ${parts.timeZoneName}` : ''}`;
}

/**
 * R39: the message that carries the promise in a conversation: the last message, when it is a
 * client's with a reply-by time (a later staff message answered it).
 */
export function awaitingReply(messages: Message[]): Message | null {
  const last = messages.at(-1);
  return last && last.sender.kind === 'client' && last.expectedReplyBy ? last : null;
}
