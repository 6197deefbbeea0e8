import { describe, expect, it } from 'vitest';
import { daySlots, isHoliday, type OfficeCalendar, openingPeriods, romeDayTime, romeInstant } from './calendar.ts';

const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));
const cal = (over: Partial<OfficeCalendar> = {}): OfficeCalendar => ({
  hours: weekdays('09:00', '12:00'),
  exceptions: [],
  availability: [],
  slotMinutes: 30,
  capacity: 1,
  patronDay: '06-24',
  ...over,
});
const times = (c: OfficeCalendar, day: string) => daySlots(c, day).map((s) => s.time);

describe('opening calendar', () => {
  it('an ordinary Monday gives the weekly hours cut into slots', () => {
    expect(times(cal(), '2026-11-30')).toEqual(['09:00', '09:30', '10:00', '10:30', '11:00', '11:30']);
    expect(times(cal(), '2026-11-29')).toEqual([]); // Sunday
  });

  it('Italian public holidays close every office (Immacolata, Easter Monday, Liberazione on a weekday)', () => {
    for (const day of ['2026-12-08', '2026-04-06', '2027-04-26', '2026-06-02', '2026-12-25']) {
      expect(isHoliday(day, null), day).toBe(day !== '2027-04-26');
    }
    expect(times(cal(), '2026-12-08')).toEqual([]); // Tuesday
    expect(times(cal(), '2026-04-06')).toEqual([]); // Lunedì dell'Angelo
  });

  it("the patron saint's day is a holiday only where configured (Monza: 24 June)", () => {
    expect(times(cal(), '2026-06-24')).toEqual([]); // Wednesday, San Giovanni Battista in Monza
    expect(times(cal({ patronDay: null }), '2026-06-24')).toHaveLength(6);
    expect(times(cal({ patronDay: '12-07' }), '2026-12-07')).toEqual([]); // Sant'Ambrogio in Milan
  });

  it('a whole-day closure empties the day; a partial closure cuts its hours', () => {
    const closed = cal({ exceptions: [{ day: '2026-12-01', kind: 'closed', opens: null, closes: null }] });
    expect(times(closed, '2026-12-01')).toEqual([]);
    expect(times(closed, '2026-12-02')).toHaveLength(6);
    const partial = cal({ exceptions: [{ day: '2026-12-01', kind: 'closed', opens: '10:00', closes: '11:00' }] });
    expect(times(partial, '2026-12-01')).toEqual(['09:00', '09:30', '11:00', '11:30']);
  });

  it('an extra opening adds hours, also on a Saturday or a holiday', () => {
    const extra = cal({
      exceptions: [
        { day: '2026-12-05', kind: 'extra', opens: '10:00', closes: '11:00' },
        { day: '2026-12-08', kind: 'extra', opens: '09:00', closes: '10:00' },
        { day: '2026-12-01', kind: 'extra', opens: '14:00', closes: '15:00' },
      ],
    });
    expect(times(extra, '2026-12-05')).toEqual(['10:00', '10:30']);
    expect(times(extra, '2026-12-08')).toEqual(['09:00', '09:30']);
    expect(times(extra, '2026-12-01')).toEqual([
      '09:00',
      '09:30',
      '10:00',
      '10:30',
      '11:00',
      '11:30',
      '14:00',
      '14:30',
    ]);
  });

  it('with operator availability a slot offers as many places as operators present, capped by the office capacity', () => {
    const c = cal({
      capacity: 2,
      availability: [
        { userId: 'a', weekday: 1, opens: '09:00', closes: '12:00' },
        { userId: 'b', weekday: 1, opens: '10:00', closes: '11:00' },
        { userId: 'c', weekday: 1, opens: '10:00', closes: '10:30' },
      ],
    });
    expect(daySlots(c, '2026-11-30').map((s) => `${s.time}:${s.capacity}`)).toEqual([
      '09:00:1',
      '09:30:1',
      '10:00:2',
      '10:30:2',
      '11:00:1',
      '11:30:1',
    ]);
    expect(times(c, '2026-12-01')).toEqual([]); // nobody available on Tuesday
  });

  it('slots are stored in UTC and stay at the same Rome wall-clock time across the daylight-saving changes', () => {
    const sundays = cal({
      exceptions: ['2026-03-28', '2026-03-29', '2026-10-24', '2026-10-25'].map((day) => ({
        day,
        kind: 'extra' as const,
        opens: '09:00',
        closes: '10:00',
      })),
    });
    const first = (day: string) => daySlots(sundays, day)[0]?.startsAt.toISOString();
    expect(first('2026-03-28')).toBe('2026-03-28T08:00:00.000Z'); // CET, UTC+1
    expect(first('2026-03-29')).toBe('2026-03-29T07:00:00.000Z'); // CEST from 02:00 that night, UTC+2
    expect(first('2026-10-24')).toBe('2026-10-24T07:00:00.000Z'); // CEST
    expect(first('2026-10-25')).toBe('2026-10-25T08:00:00.000Z'); // back to CET at 03:00
    expect(romeDayTime(new Date('2026-03-29T07:30:00Z'))).toEqual({ day: '2026-03-29', time: '09:30' });
    expect(romeInstant('2026-10-25', '23:30').toISOString()).toBe('2026-10-25T22:30:00.000Z');
  });

  it('periods come back sorted', () => {
    const c = cal({ exceptions: [{ day: '2026-11-30', kind: 'extra', opens: '07:00', closes: '08:00' }] });
    expect(openingPeriods(c, '2026-11-30')).toEqual([
      [420, 480],
      [540, 720],
    ]);
  });
});
