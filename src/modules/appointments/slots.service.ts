import { type Db, type Executor, withTenant } from '../../platform/db/database.ts';
import * as repo from './appointments.repository.ts';
import { addDays, daySlots, type OfficeCalendar, romeDayTime, slotsNeeded } from './calendar.ts';

/** Free places computed from the calendar minus the booked counters; used by the public and desk flows. */

export interface BookableOffice {
  id: string;
  name: string;
  address: { street: string; postcode: string | null; city: string };
  phone: string | null;
  email: string | null;
  slotMinutes: number;
  capacity: number;
}

export interface FreeSlot {
  startsAt: Date;
  day: string;
  time: string;
  /** Places left in the first cell (never below 1 here). */
  free: number;
}

export interface Window {
  now: Date;
  minNoticeHours: number;
  horizonDays: number;
}

export function presentOffice(o: repo.BookableOfficeRow): BookableOffice {
  return {
    id: o.id,
    name: o.name,
    address: { street: o.street, postcode: o.postcode, city: o.city },
    phone: o.phone,
    email: o.email,
    slotMinutes: o.slot_minutes,
    capacity: o.capacity,
  };
}

export async function listBookableOffices(db: Db, tenantId: string): Promise<BookableOffice[]> {
  if (!tenantId) return [];
  return withTenant(db, tenantId, async (trx) => (await repo.bookableOffices(trx, tenantId)).map(presentOffice));
}

export async function loadCalendar(
  trx: Executor,
  tenantId: string,
  office: BookableOffice,
  from: string,
  to: string,
): Promise<OfficeCalendar> {
  const [rows, s] = await Promise.all([
    repo.officeCalendarRows(trx, tenantId, office.id, from, to),
    repo.settings(trx, tenantId),
  ]);
  return { ...rows, slotMinutes: office.slotMinutes, capacity: office.capacity, patronDay: s.patronDay };
}

/**
 * Free start times from `from` to `to` (inclusive days) for a booking needing `needed` consecutive slots,
 * respecting the minimum notice and the booking horizon.
 */
export async function freeSlotsBetween(
  trx: Executor,
  tenantId: string,
  office: BookableOffice,
  from: string,
  to: string,
  needed: number,
  win: Window,
): Promise<FreeSlot[]> {
  const today = romeDayTime(win.now).day;
  const last = addDays(today, win.horizonDays);
  const end = to < last ? to : last;
  const start = from > today ? from : today;
  if (start > end) return [];
  const cal = await loadCalendar(trx, tenantId, office, start, end);
  const earliest = win.now.getTime() + win.minNoticeHours * 3_600_000;
  const all: { startsAt: Date; day: string; time: string; capacity: number }[] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    for (const s of daySlots(cal, day)) all.push({ ...s, day });
  }
  if (all.length === 0) return [];
  const booked = await repo.bookedCounts(
    trx,
    office.id,
    all[0]?.startsAt ?? win.now,
    new Date((all.at(-1)?.startsAt.getTime() ?? 0) + 1),
  );
  const freeAt = (i: number) => {
    const s = all[i];
    return s ? s.capacity - (booked.get(s.startsAt.getTime()) ?? 0) : 0;
  };
  const step = office.slotMinutes * 60_000;
  const result: FreeSlot[] = [];
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    if (!s || s.startsAt.getTime() < earliest) continue;
    let ok = true;
    for (let k = 0; k < needed && ok; k++) {
      const cell = all[i + k];
      ok = cell !== undefined && cell.startsAt.getTime() === s.startsAt.getTime() + k * step && freeAt(i + k) > 0;
    }
    if (ok) result.push({ startsAt: s.startsAt, day: s.day, time: s.time, free: freeAt(i) });
  }
  return result;
}

/** The cells (start instants and capacities) a booking starting at `startsAt` would take, or null if it does not fit the calendar. */
export async function cellsFor(
  trx: Executor,
  tenantId: string,
  office: BookableOffice,
  startsAt: Date,
  needed: number,
): Promise<{ startsAt: Date; capacity: number }[] | null> {
  const day = romeDayTime(startsAt).day;
  const cal = await loadCalendar(trx, tenantId, office, day, day);
  const slots = daySlots(cal, day);
  const i = slots.findIndex((s) => s.startsAt.getTime() === startsAt.getTime());
  if (i < 0) return null;
  const step = office.slotMinutes * 60_000;
  const cells = slots.slice(i, i + needed);
  if (cells.length < needed || cells.some((c, k) => c.startsAt.getTime() !== startsAt.getTime() + k * step))
    return null;
  return cells.map((c) => ({ startsAt: c.startsAt, capacity: c.capacity }));
}

export async function windowOf(trx: Executor, tenantId: string, now: Date): Promise<Window> {
  const s = await repo.settings(trx, tenantId);
  return { now, minNoticeHours: s.minNoticeHours, horizonDays: s.horizonDays };
}

/** Days of a month (YYYY-MM) with how many start times are free, for the month step. */
export async function monthAvailability(
  db: Db,
  tenantId: string,
  office: BookableOffice,
  month: string,
  durationMinutes: number,
  now: Date,
): Promise<{ day: string; free: number }[]> {
  return withTenant(db, tenantId, async (trx) => {
    const win = await windowOf(trx, tenantId, now);
    const first = `${month}-01`;
    const lastDay = addDays(`${addDays(first, 32).slice(0, 7)}-01`, -1);
    const slots = await freeSlotsBetween(
      trx,
      tenantId,
      office,
      first,
      lastDay,
      slotsNeeded(durationMinutes, office.slotMinutes),
      win,
    );
    const byDay = new Map<string, number>();
    for (const s of slots) byDay.set(s.day, (byDay.get(s.day) ?? 0) + 1);
    return [...byDay.entries()].map(([day, free]) => ({ day, free }));
  });
}

export async function freeSlotsOfDay(
  db: Db,
  tenantId: string,
  office: BookableOffice,
  day: string,
  durationMinutes: number,
  now: Date,
): Promise<FreeSlot[]> {
  return withTenant(db, tenantId, async (trx) =>
    freeSlotsBetween(
      trx,
      tenantId,
      office,
      day,
      day,
      slotsNeeded(durationMinutes, office.slotMinutes),
      await windowOf(trx, tenantId, now),
    ),
  );
}

/** The next few free start times from a day on: what to offer when a slot was just taken. */
export async function alternatives(
  db: Db,
  tenantId: string,
  office: BookableOffice,
  fromDay: string,
  durationMinutes: number,
  now: Date,
  limit = 5,
): Promise<FreeSlot[]> {
  return withTenant(db, tenantId, async (trx) => {
    const win = await windowOf(trx, tenantId, now);
    const slots = await freeSlotsBetween(
      trx,
      tenantId,
      office,
      fromDay,
      addDays(fromDay, 21),
      slotsNeeded(durationMinutes, office.slotMinutes),
      win,
    );
    return slots.slice(0, limit);
  });
}

/** Free start times of the next two weeks for moving a booking that holds `slotCount` slots. */
export async function freeSlotsForMove(
  db: Db,
  tenantId: string,
  officeId: string,
  slotCount: number,
  fromDay: string,
  now: Date,
): Promise<FreeSlot[]> {
  return withTenant(db, tenantId, async (trx) => {
    const row = (await repo.bookableOffices(trx, tenantId)).find((o) => o.id === officeId);
    if (!row) return [];
    const win = await windowOf(trx, tenantId, now);
    return freeSlotsBetween(trx, tenantId, presentOffice(row), fromDay, addDays(fromDay, 14), slotCount, win);
  });
}
