import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { TextLine } from './text';

/**
 * R39: a practice's hours, closed days and promise. Times of day are local wall-clock times in
 * the practice's time zone ("09:00"); closed days are local dates ("2026-12-25").
 */
export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const TimeOfDay = lazySchema(() => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day such as 09:00'));
const LocalDate = lazySchema(() =>
  z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date such as 2026-12-25'),
);

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, such as America/New_York. */
export const TimeZone = lazySchema(() =>
  TextLine.min(1).max(64).refine(isTimeZone, 'an IANA time zone such as America/New_York'),
);

/** The hours of one day: open from `open` until `close`, or closed (null). */
export const DayHours = lazySchema(() =>
  z
    .object({ open: TimeOfDay, close: TimeOfDay })
    .refine((day) => day.open < day.close, 'a day closes after it opens')
    .nullable(),
);
export type DayHours = z.infer<typeof DayHours>;

/** The weekly hours; at least one day is open, so every promise has a business day to land on. */
export const WeeklyHours = lazySchema(() =>
  z
    .object({ mon: DayHours, tue: DayHours, wed: DayHours, thu: DayHours, fri: DayHours, sat: DayHours, sun: DayHours })
    .refine((week) => weekdays.some((day) => week[day] !== null), 'at least one day of the week is open'),
);
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export const ClosedDays = lazySchema(() => z.array(LocalDate).max(366));

export const defaultHours: WeeklyHours = {
  mon: { open: '09:00', close: '17:00' },
  tue: { open: '09:00', close: '17:00' },
  wed: { open: '09:00', close: '17:00' },
  thu: { open: '09:00', close: '17:00' },
  fri: { open: '09:00', close: '17:00' },
  sat: null,
  sun: null,
};

/** The disclaimer's words for a promise of `days` business days (R26, R39). */
export function responseTimeWords(days: number): string {
  return days === 1 ? '1 business day' : `${days} business days`;
}
