import { describe, expect, it } from 'vitest';
import { formatAwayMoment, formatAwayUntil } from './away';

const NY = 'America/New_York';
// Friday evening, 6 pm in New York.
const now = new Date('2026-03-06T18:00:00-05:00');

describe('R40 "Away until" wording', () => {
  it.each([
    ['back Monday morning', '2026-03-09T09:00:00-04:00', NY, 'Mon'],
    ['back Tuesday', '2026-03-10T13:00:00Z', NY, 'Tue'],
    ['back later today', '2026-03-06T21:30:00-05:00', NY, '9:30 pm'],
    ['back at 11 pm today', '2026-03-06T23:00:00-05:00', NY, '11 pm'],
    ['a week or more away gets the date', '2026-03-16T09:00:00-04:00', NY, 'Mon, Mar 16'],
    [
      'in the practice zone, not UTC (Saturday 02:00 UTC is Friday in Los Angeles)',
      '2026-03-07T02:00:00Z',
      'America/Los_Angeles',
      '6 pm',
    ],
  ])('R40: %s', (_case, iso, zone, words) => {
    expect(formatAwayUntil(iso, zone, now)).toBe(words);
  });
});

describe("R40 the automatic reply's return time", () => {
  it.each([
    ['2026-03-09T13:00:00Z', NY, 'Mon, Mar 9, 9 am'],
    ['2026-03-09T17:30:00Z', NY, 'Mon, Mar 9, 1:30 pm'],
  ])('R40: %s in %s reads %j', (iso, zone, words) => {
    expect(formatAwayMoment(iso, zone)).toBe(words);
  });
});
