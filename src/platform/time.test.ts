import { describe, expect, it } from 'vitest';
import { romeWeekdayAndTime, startOfRomeDay } from './time.ts';

describe('Europe/Rome calendar days', () => {
  it('finds midnight in winter (UTC+1) and summer (UTC+2)', () => {
    expect(startOfRomeDay('2026-01-15')?.toISOString()).toBe('2026-01-14T23:00:00.000Z');
    expect(startOfRomeDay('2026-07-15')?.toISOString()).toBe('2026-07-14T22:00:00.000Z');
    // The day clocks go forward (29 March 2026) starts at +1.
    expect(startOfRomeDay('2026-03-29')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
  });

  it('rejects impossible dates', () => {
    expect(startOfRomeDay('2026-02-30')).toBeNull();
    expect(startOfRomeDay('15/01/2026')).toBeNull();
  });

  it('gives the ISO weekday and local time', () => {
    // Monday 2 March 2026, 08:30 UTC = 09:30 in Rome
    expect(romeWeekdayAndTime(new Date('2026-03-02T08:30:00Z'))).toEqual({
      weekday: 1,
      time: '09:30',
      date: '2026-03-02',
    });
    // Sunday 23:30 UTC is already Monday in Rome in summer
    expect(romeWeekdayAndTime(new Date('2026-07-05T22:30:00Z')).weekday).toBe(1);
  });
});
