import { defaultHours } from '@confide/api';
import { describe, expect, it } from 'vitest';
import { reminderDueAt, replyDueAt, zonedInstant, type PracticeHours } from './business-time';

const newYork: PracticeHours = { timeZone: 'America/New_York', hours: defaultHours, closedDays: [] };
const at = (iso: string) => new Date(iso);

// 2026: US clocks go forward on Sun 8 March and back on Sun 1 November; Europe's on Sun 29 March.
const promises: [string, PracticeHours, string, number, string][] = [
  ['Friday evening → Tuesday closing', newYork, '2026-03-06T20:00:00-05:00', 2, '2026-03-10T21:00:00Z'],
  ['…across the spring DST change (EST sent, EDT due)', newYork, '2026-03-07T01:00:00Z', 2, '2026-03-10T21:00:00Z'],
  ['Saturday → Tuesday', newYork, '2026-03-07T11:00:00-05:00', 2, '2026-03-10T21:00:00Z'],
  ['Monday before opening counts Monday', newYork, '2026-03-09T08:00:00-04:00', 2, '2026-03-10T21:00:00Z'],
  ['Monday at opening counts Monday', newYork, '2026-03-09T09:00:00-04:00', 2, '2026-03-10T21:00:00Z'],
  ['Monday during hours counts from Tuesday', newYork, '2026-03-09T10:00:00-04:00', 2, '2026-03-11T21:00:00Z'],
  ['Monday after closing counts from Tuesday', newYork, '2026-03-09T19:00:00-04:00', 2, '2026-03-11T21:00:00Z'],
  ['one business day', newYork, '2026-03-09T10:00:00-04:00', 1, '2026-03-10T21:00:00Z'],
  ['five business days span a weekend', newYork, '2026-03-11T10:00:00-04:00', 5, '2026-03-18T21:00:00Z'],
  ['across the autumn DST change (EDT sent, EST due)', newYork, '2026-10-30T18:00:00-04:00', 2, '2026-11-03T22:00:00Z'],
  [
    'a closed day (Thanksgiving) is skipped',
    { ...newYork, closedDays: ['2026-11-26'] },
    '2026-11-25T12:00:00-05:00',
    2,
    '2026-11-30T22:00:00Z',
  ],
  [
    'closed days in a row (Christmas week)',
    { ...newYork, closedDays: ['2026-12-24', '2026-12-25', '2026-12-28'] },
    '2026-12-23T18:00:00-05:00',
    2,
    '2026-12-30T22:00:00Z',
  ],
  [
    'Berlin: Friday → Monday across its DST change',
    { ...newYork, timeZone: 'Europe/Berlin' },
    '2026-03-27T16:00:00+01:00',
    1,
    '2026-03-30T15:00:00Z',
  ],
  [
    'the same instant in Tokyo is Saturday morning',
    { ...newYork, timeZone: 'Asia/Tokyo' },
    '2026-03-06T23:30:00Z',
    2,
    '2026-03-10T08:00:00Z',
  ],
  [
    'the same instant in Los Angeles is Friday afternoon',
    { ...newYork, timeZone: 'America/Los_Angeles' },
    '2026-03-06T23:30:00Z',
    2,
    '2026-03-11T00:00:00Z',
  ],
  [
    'a practice open Saturday mornings',
    { ...newYork, hours: { ...defaultHours, sat: { open: '10:00', close: '13:30' } } },
    '2026-03-06T20:00:00-05:00',
    1,
    '2026-03-07T18:30:00Z',
  ],
  [
    'a practice open only on Wednesdays',
    {
      ...newYork,
      hours: {
        mon: null,
        tue: null,
        wed: { open: '12:00', close: '18:00' },
        thu: null,
        fri: null,
        sat: null,
        sun: null,
      },
    },
    '2026-03-04T13:00:00-05:00',
    2,
    '2026-03-18T22:00:00Z',
  ],
];

const reminders: [string, PracticeHours, string, number, string][] = [
  ['during hours: four hours later', newYork, '2026-03-09T10:00:00-04:00', 4, '2026-03-09T18:00:00Z'],
  ['Friday evening: Monday at 1 pm (EDT)', newYork, '2026-03-06T20:00:00-05:00', 4, '2026-03-09T17:00:00Z'],
  ['late Friday: two hours Friday, two on Monday', newYork, '2026-03-06T15:00:00-05:00', 4, '2026-03-09T15:00:00Z'],
  ['exactly at closing time', newYork, '2026-03-09T13:00:00-04:00', 4, '2026-03-09T21:00:00Z'],
  [
    'a closed day in between',
    { ...newYork, closedDays: ['2026-11-26'] },
    '2026-11-25T15:00:00-05:00',
    4,
    '2026-11-27T16:00:00Z',
  ],
  ['more than a day of business hours', newYork, '2026-03-09T09:00:00-04:00', 12, '2026-03-10T17:00:00Z'],
];

describe('R39 business time', () => {
  it.each(promises)('R39: promise — %s', (_name, practice, sent, days, due) => {
    expect(replyDueAt(at(sent), practice, days)?.toISOString()).toBe(at(due).toISOString());
  });

  it.each(reminders)('R41: reminder — %s', (_name, practice, sent, hours, due) => {
    expect(reminderDueAt(at(sent), practice, hours)?.toISOString()).toBe(at(due).toISOString());
  });

  it('R39: local times across DST changes: the skipped hour reads forward, the repeated hour is the first', () => {
    expect(zonedInstant('2026-03-08', '02:30', 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
    expect(zonedInstant('2026-11-01', '01:30', 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(zonedInstant('2026-07-01', '09:00', 'Australia/Sydney').toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(zonedInstant('2026-12-01', '09:00', 'Australia/Sydney').toISOString()).toBe('2026-11-30T22:00:00.000Z');
  });

  it('R39: no business day at all gives no promise rather than looping forever', () => {
    const closedEveryDay = {
      ...newYork,
      hours: {
        mon: null,
        tue: null,
        wed: null,
        thu: null,
        fri: null,
        sat: null,
        sun: { open: '09:00', close: '10:00' },
      },
      closedDays: [],
    };
    expect(replyDueAt(at('2026-03-09T12:00:00Z'), closedEveryDay, 2)?.toISOString()).toBe('2026-03-22T14:00:00.000Z');
    const allClosed = { ...closedEveryDay, hours: { ...closedEveryDay.hours, sun: null } };
    expect(replyDueAt(at('2026-03-09T12:00:00Z'), allClosed, 2)).toBeNull();
    expect(reminderDueAt(at('2026-03-09T12:00:00Z'), allClosed, 4)).toBeNull();
  });
});
