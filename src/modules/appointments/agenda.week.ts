import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as arepo from './agenda.repository.ts';
import { agendaOffices } from './agenda.service.ts';
import { addDays, romeDayTime, romeInstant, weekdayOf } from './calendar.ts';
import { type BookableOffice, freeSlotsBetween, windowOf } from './slots.service.ts';

export interface WeekItem {
  id: string;
  code: string;
  day: string;
  time: string;
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  channel: 'online' | 'desk' | 'phone';
  topic: { it: string; en: string };
  applicantName: string;
  accessId: string | null;
}

export interface WeekDay {
  day: string;
  booked: number;
  attended: number;
  free: number;
  /** The chosen operator's hours at the office that weekday ("09:00–12:30"), when one is chosen. */
  hours: string[];
}

export interface Week {
  office: BookableOffice;
  offices: BookableOffice[];
  /** Monday of the week. */
  monday: string;
  days: WeekDay[];
  items: WeekItem[];
  operators: { id: string; name: string }[];
  operator: { id: string; name: string } | undefined;
}

/** The Monday of the week holding `day` (or of this week). */
export function mondayOf(day: string | undefined, today: string): string {
  const d = day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? day : today;
  return addDays(d, 1 - weekdayOf(d));
}

/**
 * One office's week, Monday to Sunday: bookings (cancelled ones left out), per day the booked, attended
 * and free counts. With an operator chosen, only the bookings inside that operator's availability at
 * the office (who is expected to receive them) and their hours per day. Audited with the ids shown.
 */
export async function getWeek(
  ctx: Ctx,
  officeId: string | undefined,
  day: string | undefined,
  operatorId: string | undefined,
): Promise<Week | undefined> {
  const offices = await agendaOffices(ctx); // agenda.read, office scope
  const office = offices.find((o) => o.id === officeId) ?? offices[0];
  if (!office) return undefined;
  const tenantId = ctx.actor.tenantId;
  if (!tenantId) throw new NotFound('tenant');
  const now = ctx.clock.now();
  const monday = mondayOf(day, romeDayTime(now).day);
  const sunday = addDays(monday, 6);
  return withTenant(ctx.db, tenantId, async (trx) => {
    const operators = (await arepo.operatorsAt(trx, tenantId, office.id)).map((o) => ({
      id: o.id,
      name: o.display_name,
    }));
    const operator = operatorId && isUuid(operatorId) ? operators.find((o) => o.id === operatorId) : undefined;
    const availability = operator ? await arepo.availabilityOf(trx, tenantId, office.id, operator.id) : [];
    const inHours = (d: string, time: string) =>
      availability.some((v) => v.weekday === weekdayOf(d) && v.opens <= time && time < v.closes);
    const rows = await arepo.weekRows(
      trx,
      tenantId,
      office.id,
      romeInstant(monday, '00:00'),
      romeInstant(addDays(monday, 7), '00:00'),
    );
    const items: WeekItem[] = rows
      .map((r) => {
        const at = romeDayTime(r.starts_at);
        return {
          id: r.id,
          code: r.code,
          day: at.day,
          time: at.time,
          status: r.status as WeekItem['status'],
          channel: r.channel as WeekItem['channel'],
          topic: { it: r.topic_it, en: r.topic_en },
          applicantName: r.applicant_name,
          accessId: r.access_id,
        };
      })
      .filter((i) => !operator || inHours(i.day, i.time));
    const free = await freeSlotsBetween(trx, tenantId, office, monday, sunday, 1, await windowOf(trx, tenantId, now));
    const days: WeekDay[] = Array.from({ length: 7 }, (_, k) => {
      const d = addDays(monday, k);
      return {
        day: d,
        booked: items.filter((i) => i.day === d).length,
        attended: items.filter((i) => i.day === d && i.status === 'attended').length,
        free: free.filter((s) => s.day === d && (!operator || inHours(d, s.time))).length,
        hours: availability.filter((v) => v.weekday === weekdayOf(d)).map((v) => `${v.opens}–${v.closes}`),
      };
    });
    await recordEvent(trx, ctx, {
      action: 'agenda.read',
      recordType: 'office',
      recordId: office.id,
      details: { week: monday, ...(operator ? { operatorId: operator.id } : {}), ids: items.map((i) => i.id) },
    });
    return { office, offices, monday, days, items, operators, operator };
  });
}
