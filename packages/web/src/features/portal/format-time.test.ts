import { describe, expect, it } from 'vitest';
import { formatDayLabel, isNewDay } from './format-time';

describe('chat date separators (issue 17)', () => {
  const now = new Date(2026, 11, 3, 15, 0);
  it('R25: names the day of a message: today, yesterday, else the date (with the year when another)', () => {
    expect(formatDayLabel(new Date(2026, 11, 3, 9, 5).toISOString(), now)).toBe('Today');
    expect(formatDayLabel(new Date(2026, 11, 2, 23, 59).toISOString(), now)).toBe('Yesterday');
    expect(formatDayLabel(new Date(2026, 10, 30, 8, 0).toISOString(), now)).toMatch(/Nov 30/);
    expect(formatDayLabel(new Date(2025, 10, 30, 8, 0).toISOString(), now)).toMatch(/2025/);
  });
  it('R25: a separator goes before the first message and where the local day changes', () => {
    const a = new Date(2026, 11, 2, 23, 0).toISOString();
    const b = new Date(2026, 11, 2, 23, 30).toISOString();
    const c = new Date(2026, 11, 3, 0, 10).toISOString();
    expect(isNewDay(undefined, a)).toBe(true);
    expect(isNewDay(a, b)).toBe(false);
    expect(isNewDay(b, c)).toBe(true);
  });
});
