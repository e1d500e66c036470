import type { Person } from '../../api';
import { dateFormat } from '../../date-format';

/** A list time: "2:14 PM" today, "Mar 4" this year, "Mar 4, 2024" before. */
export function shortTime(iso: string, now = new Date()): string {
  const date = new Date(iso);
  if (date.toDateString() === now.toDateString())
    return dateFormat({ hour: 'numeric', minute: '2-digit' }).format(date);
  if (date.getFullYear() === now.getFullYear()) return dateFormat({ month: 'short', day: 'numeric' }).format(date);
  return dateFormat({ year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/** A full date and time, for messages and tooltips. */
export function longTime(iso: string): string {
  return dateFormat({ dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** Role in the practice's words. */
export function roleLabel(role: string): string {
  const labels: Record<string, string> = {
    provider: 'Therapist',
    front_office: 'Front office',
    biller: 'Billing',
    external_agent: 'External agent',
    client: 'Client',
  };
  return labels[role] ?? role;
}

/** "Avery Brooks, Dr. Maya Chen +2" — the people other than me. */
export function othersLabel(participants: Person[], meId: string, max = 3): string {
  const others = participants.filter((person) => person.id !== meId);
  if (others.length === 0) return 'Only you';
  const names = others.slice(0, max).map((person) => person.name);
  return others.length > max ? `${names.join(', ')} +${others.length - max}` : names.join(', ');
}

/** "2.4 MB" */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
