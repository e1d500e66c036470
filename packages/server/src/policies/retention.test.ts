import { describe, expect, it } from 'vitest';
import { nextRetentionRun, retentionCutoff, retentionDay } from './retention';

const NY = 'America/New_York';

describe('retention times (R51)', () => {
  it.each([
    ['forever keeps everything', '2026-03-09T12:00:00.000Z', null, null],
    ['seven years back, same time', '2026-03-09T12:00:00.000Z', 7, '2019-03-09T12:00:00.000Z'],
    ['29 February goes to 28 February', '2028-02-29T12:00:00.000Z', 1, '2027-02-28T12:00:00.000Z'],
    ['29 February to a leap year stays', '2028-02-29T12:00:00.000Z', 4, '2024-02-29T12:00:00.000Z'],
  ] as const)('R51: %s', (_name, now, years, expected) => {
    expect(retentionCutoff(new Date(now), years)?.toISOString() ?? null).toBe(expected);
  });

  it('R51: the day is the practice-local date; its run is due from 3 am local', () => {
    // 2 am in New York on 10 March is still before the run; 7:30 UTC is 3:30 am EDT.
    expect(retentionDay(new Date('2026-03-10T06:00:00Z'), NY)).toEqual({ day: '2026-03-10', isDue: false });
    expect(retentionDay(new Date('2026-03-10T07:30:00Z'), NY)).toEqual({ day: '2026-03-10', isDue: true });
    // 11 pm on the 9th in New York is already the 10th in UTC.
    expect(retentionDay(new Date('2026-03-10T03:00:00Z'), NY).day).toBe('2026-03-09');
  });

  it("R51: the next run is today's at 3 am until it has finished, then tomorrow's", () => {
    const early = nextRetentionRun(new Date('2026-03-10T06:00:00Z'), NY, false);
    expect({ day: early.day, at: early.at.toISOString() }).toEqual({
      day: '2026-03-10',
      at: '2026-03-10T07:00:00.000Z',
    });
    const late = new Date('2026-03-10T15:00:00Z');
    expect(nextRetentionRun(late, NY, false).at.toISOString()).toBe('2026-03-10T07:00:00.000Z');
    expect(nextRetentionRun(late, NY, true).at.toISOString()).toBe('2026-03-11T07:00:00.000Z');
    // Clocks go forward on 8 March 2026 at 2 am: that day's 3 am is already daylight time (UTC-4).
    expect(nextRetentionRun(new Date('2026-03-07T12:00:00Z'), NY, true).at.toISOString()).toBe(
      '2026-03-08T07:00:00.000Z',
    );
    expect(nextRetentionRun(new Date('2026-03-06T12:00:00Z'), NY, true).at.toISOString()).toBe(
      '2026-03-07T08:00:00.000Z',
    );
  });
});
