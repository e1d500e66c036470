import { weekdays, type WeeklyHours } from '@confide/api';

/**
 * R39/R41: business time of a practice — its weekly hours and closed days, in its time zone.
 * Pure: the time zone rules come from the platform's ICU data (Intl), nothing from the database.
 */
export interface PracticeHours {
  timeZone: string;
  hours: WeeklyHours;
  closedDays: string[];
}

/** One open stretch of a business day, as instants. */
interface OpenSpan {
  open: number;
  close: number;
}

/** Enough calendar days to pass a year of closed days on a practice open one day a week. */
const MAX_DAYS = 366 * 8;
const dateParts = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = dateParts.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    dateParts.set(timeZone, format);
  }
  return format;
}

/** The wall-clock time at an instant in a time zone, written as if it were UTC (ms). */
function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/**
 * The instant of a local wall-clock time ("2026-03-10", "17:00") in a time zone. A time that
 * happens twice (the hour after clocks go back) is the first; one that never happens (the hour
 * skipped when clocks go forward) is read as the moment just after the jump (02:30 → 03:30).
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wanted = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets are at most a day: the wall-clock difference at a guess gives the offset there.
  const first = wanted - (wallClock(wanted, timeZone) - wanted);
  const second = wanted - (wallClock(first, timeZone) - first);
  const candidates = [first, second].sort((a, b) => a - b);
  const exact = candidates.find((instant) => wallClock(instant, timeZone) === wanted);
  return new Date(exact ?? Math.max(...candidates));
}

/** The local calendar date of an instant in a time zone, as days since 1970-01-01. */
function localDay(instant: number, timeZone: string): number {
  return Math.floor(wallClock(instant, timeZone) / 86_400_000);
}

/** The local calendar date ("2026-03-10") of an instant in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return isoDate(localDay(instant.getTime(), timeZone));
}

function isoDate(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10);
}

/** The open stretch of a calendar day, or null on a weekly day off or a closed day. */
function openSpan(dayNumber: number, practice: PracticeHours, closed: Set<string>): OpenSpan | null {
  const date = isoDate(dayNumber);
  // 1970-01-01 was a Thursday; weekdays[] starts on Monday.
  const weekday = weekdays[(((dayNumber + 3) % 7) + 7) % 7] as (typeof weekdays)[number];
  const hours = practice.hours[weekday];
  if (!hours || closed.has(date)) return null;
  return {
    open: zonedInstant(date, hours.open, practice.timeZone).getTime(),
    close: zonedInstant(date, hours.close, practice.timeZone).getTime(),
  };
}

/** The business days from the local day of `from` on, in order (at most MAX_DAYS calendar days). */
function* businessDays(from: Date, practice: PracticeHours): Generator<OpenSpan> {
  const closed = new Set(practice.closedDays);
  const first = localDay(from.getTime(), practice.timeZone);
  for (let day = first; day < first + MAX_DAYS; day += 1) {
    const span = openSpan(day, practice, closed);
    if (span) yield span;
  }
}

/**
 * R39: the promise of a client's message sent at `sentAt`: the close of the `days`-th business
 * day that opens at or after it. A message written before opening time counts that day; one
 * written during business hours or after closing starts counting the next business day. So a
 * Friday-evening message with a promise of 2 business days is due Tuesday at closing time.
 * Null only if no business day exists in the next eight years.
 */
export function replyDueAt(sentAt: Date, practice: PracticeHours, days: number): Date | null {
  let counted = 0;
  for (const span of businessDays(sentAt, practice)) {
    if (span.open < sentAt.getTime()) continue;
    counted += 1;
    if (counted === days) return new Date(span.close);
  }
  return null;
}

/**
 * R41: when an unopened client message reminds its staff: `hours` business hours after it
 * was sent, counting only time the practice is open (a message at night counts from opening).
 */
export function reminderDueAt(sentAt: Date, practice: PracticeHours, hours: number): Date | null {
  let remaining = hours * 3_600_000;
  for (const span of businessDays(sentAt, practice)) {
    const start = Math.max(span.open, sentAt.getTime());
    if (start >= span.close) continue;
    if (remaining <= span.close - start) return new Date(start + remaining);
    remaining -= span.close - start;
  }
  return null;
}
