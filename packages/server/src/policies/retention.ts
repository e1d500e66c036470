import { localDate, zonedInstant } from './business-time';

/** R51: the daily run starts at this local time of the practice (a quiet hour). */
export const RETENTION_RUN_TIME = '03:00';

/**
 * R51: threads whose last message is older than this instant are destroyed — the same date and
 * time `years` calendar years earlier (29 February falls back to 28 February). Null keeps them.
 */
export function retentionCutoff(now: Date, years: number | null): Date | null {
  if (years === null) return null;
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(now.getUTCFullYear() - years);
  // setUTCFullYear rolls 29 February into 1 March of a common year; stay in February.
  if (cutoff.getUTCMonth() !== now.getUTCMonth()) cutoff.setUTCDate(0);
  return cutoff;
}

/** When the run of a practice-local day is scheduled; its cutoff is reckoned from this time. */
export function retentionRunAt(day: string, timeZone: string): Date {
  return zonedInstant(day, RETENTION_RUN_TIME, timeZone);
}

/** The practice-local day a run belongs to, and whether that day's run time has come. */
export function retentionDay(now: Date, timeZone: string): { day: string; isDue: boolean } {
  const day = localDate(now, timeZone);
  return { day, isDue: now.getTime() >= retentionRunAt(day, timeZone).getTime() };
}

/**
 * The next run: today's if it has not finished (scheduled later today, or due now and taken by
 * the next worker round), otherwise tomorrow's.
 */
export function nextRetentionRun(now: Date, timeZone: string, isTodayFinished: boolean): { day: string; at: Date } {
  const { day } = retentionDay(now, timeZone);
  if (!isTodayFinished) return { day, at: retentionRunAt(day, timeZone) };
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const tomorrow = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return { day: tomorrow, at: retentionRunAt(tomorrow, timeZone) };
}
