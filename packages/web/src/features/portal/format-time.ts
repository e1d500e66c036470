import { dateFormat } from '../../date-format';

/** A message time as a person says it: "3:04 PM" today, "Mar 2, 3:04 PM" otherwise. */
export function formatMessageTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const time = formatTimeOfDay(iso);
  if (date.toDateString() === now.toDateString()) return time;
  const sameYear = date.getFullYear() === now.getFullYear();
  const day = dateFormat(
    sameYear ? { month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric', year: 'numeric' },
  ).format(date);
  return `${day}, ${time}`;
}

/** The day a chat message belongs to, as a separator says it: "Today", "Yesterday", "Tue, Dec 1". */
export function formatDayLabel(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString()) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (date.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return dateFormat(
    date.getFullYear() === now.getFullYear()
      ? { weekday: 'short', month: 'short', day: 'numeric' }
      : { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' },
  ).format(date);
}

/** True when two times fall on different local days (a date separator goes between them). */
export function isNewDay(previousIso: string | undefined, iso: string): boolean {
  return previousIso === undefined || new Date(previousIso).toDateString() !== new Date(iso).toDateString();
}

/** A chat bubble's time of day; the day is on the separator above it. */
export function formatTimeOfDay(iso: string): string {
  return dateFormat({ hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
