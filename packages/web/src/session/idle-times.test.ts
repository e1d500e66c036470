import { describe, expect, it } from 'vitest';
import { idleTimes } from './idle-times';

describe('idle times (R29)', () => {
  it.each([
    [1, 45_000, 22_500],
    [15, 885_000, 60_000],
  ])('R29: with %i minute(s), sign out after %i ms and warn %i ms before', (minutes, endMs, warnMs) => {
    const times = idleTimes(minutes);
    expect(times.endMs).toBe(endMs);
    expect(times.warnMs).toBe(warnMs);
  });

  it('R29: a short timeout does not warn right away: the warning starts after half the time', () => {
    for (const minutes of [1, 2, 5, 15, 60]) {
      const { endMs, warnMs, reportInputAfterMs } = idleTimes(minutes);
      expect(endMs - warnMs).toBeGreaterThanOrEqual(endMs / 2);
      expect(reportInputAfterMs).toBeLessThan(endMs - warnMs);
    }
  });
});
