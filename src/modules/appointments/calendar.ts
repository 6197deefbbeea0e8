import Holidays from 'date-holidays';
import { TIME_ZONE } from '../../platform/time.ts';

/** Pure calendar arithmetic: opening periods of a day and the slots in them, in Rome time, as UTC instants. */

export interface WeeklyHours {
  weekday: number; // ISO, 1 = Monday
  opens: string; // HH:MM
  closes: string;
}

export interface ScheduleException {
  day: string; // YYYY-MM-DD
  kind: 'closed' | 'extra';
  opens: string | null;
  closes: string | null;
}

export interface Availability {
  userId: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface OfficeCalendar {
  hours: readonly WeeklyHours[];
  exceptions: readonly ScheduleException[];
  /** Operator availability; empty means "the office capacity applies whenever the office is open". */
  availability: readonly Availability[];
  slotMinutes: number;
  capacity: number;
  /** MM-DD of the patron saint's day of the municipality, or null. */
  patronDay: string | null;
}

export interface Slot {
  startsAt: Date;
  /** Rome wall-clock HH:MM. */
  time: string;
  capacity: number;
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

const holidayCache = new Map<number, Set<string>>();
const italy = new Holidays('IT');

/** Italian public holidays of a year (date-holidays, type "public"), as YYYY-MM-DD. */
export function publicHolidays(year: number): Set<string> {
  let days = holidayCache.get(year);
  if (!days) {
    days = new Set(
      italy
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)),
    );
    holidayCache.set(year, days);
  }
  return days;
}

export function isHoliday(day: string, patronDay: string | null): boolean {
  return publicHolidays(Number(day.slice(0, 4))).has(day) || (patronDay !== null && day.slice(5) === patronDay);
}

/** ISO weekday of a calendar day (the day itself, independent of any time zone). */
export function weekdayOf(day: string): number {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function romeOffsetMinutes(at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name ?? '');
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/** The instant of a Rome wall-clock time on a day; correct on the days daylight saving starts and ends. */
export function romeInstant(day: string, time: string): Date {
  const local = Date.parse(`${day}T${time}:00Z`);
  let guess = local - romeOffsetMinutes(new Date(local)) * 60_000;
  guess = local - romeOffsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** YYYY-MM-DD and HH:MM of an instant in Rome. */
export function romeDayTime(at: Date): { day: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

type Interval = [number, number];

function subtract(periods: Interval[], cut: Interval): Interval[] {
  return periods.flatMap(([a, b]): Interval[] => {
    if (cut[1] <= a || cut[0] >= b) return [[a, b]];
    const out: Interval[] = [];
    if (cut[0] > a) out.push([a, cut[0]]);
    if (cut[1] < b) out.push([cut[1], b]);
    return out;
  });
}

/** Opening periods of an office on a day (minutes from midnight, Rome wall clock). */
export function openingPeriods(cal: OfficeCalendar, day: string): Interval[] {
  const exceptions = cal.exceptions.filter((e) => e.day === day);
  const extra = exceptions
    .filter((e) => e.kind === 'extra' && e.opens && e.closes)
    .map((e): Interval => [minutes(e.opens ?? ''), minutes(e.closes ?? '')]);
  const weekday = weekdayOf(day);
  let periods: Interval[] = isHoliday(day, cal.patronDay)
    ? extra
    : [
        ...cal.hours.filter((h) => h.weekday === weekday).map((h): Interval => [minutes(h.opens), minutes(h.closes)]),
        ...extra,
      ];
  for (const c of exceptions.filter((e) => e.kind === 'closed')) {
    periods = c.opens && c.closes ? subtract(periods, [minutes(c.opens), minutes(c.closes)]) : [];
  }
  return periods.sort((x, y) => x[0] - y[0]);
}

/** The bookable slots of a day with their capacity (before subtracting bookings). */
export function daySlots(cal: OfficeCalendar, day: string): Slot[] {
  const weekday = weekdayOf(day);
  const seen = new Set<number>();
  const slots: Slot[] = [];
  for (const [a, b] of openingPeriods(cal, day)) {
    for (let m = a; m + cal.slotMinutes <= b; m += cal.slotMinutes) {
      if (seen.has(m)) continue;
      seen.add(m);
      let capacity = cal.capacity;
      if (cal.availability.length > 0) {
        const operators = new Set(
          cal.availability
            .filter((v) => v.weekday === weekday && minutes(v.opens) <= m && m + cal.slotMinutes <= minutes(v.closes))
            .map((v) => v.userId),
        );
        capacity = Math.min(capacity, operators.size);
      }
      if (capacity > 0) slots.push({ startsAt: romeInstant(day, hhmm(m)), time: hhmm(m), capacity });
    }
  }
  return slots.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime());
}

/** How many consecutive slots a topic of `durationMinutes` needs. */
export const slotsNeeded = (durationMinutes: number, slotMinutes: number) =>
  Math.max(1, Math.ceil(durationMinutes / slotMinutes));
