import { auditActionLabels } from '@confide/api';

/** What the admin filters the audit log by; empty strings mean "any". Dates are local days (YYYY-MM-DD). */
export interface AuditFilterValues {
  person: string;
  client: string;
  action: string;
  fromDay: string;
  toDay: string;
}

export const noAuditFilters: AuditFilterValues = { person: '', client: '', action: '', fromDay: '', toDay: '' };

/** Every action, in words, for the action filter (sorted as they read). */
export const auditActionOptions = Object.entries(auditActionLabels)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

/** The start of a local day as an ISO instant. */
function startOfDay(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1).toISOString();
}

/** The query parameters of the audit API for these filters: `to` is the start of the day after (exclusive). */
export function auditFilterParams(values: AuditFilterValues): Record<string, string | undefined> {
  let to: string | undefined;
  if (values.toDay) {
    const next = new Date(startOfDay(values.toDay));
    next.setDate(next.getDate() + 1);
    to = next.toISOString();
  }
  return {
    person: values.person || undefined,
    client: values.client || undefined,
    action: values.action || undefined,
    from: values.fromDay ? startOfDay(values.fromDay) : undefined,
    to,
  };
}
