import { Type } from 'typebox';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { problemResponse } from '../../platform/http/problem.ts';
import { isUuid } from '../../platform/ids.ts';
import { topicsOfOffice } from './booking.service.ts';
import { addDays, romeDayTime, slotsNeeded } from './calendar.ts';
import { freeSlotsBetween, listBookableOffices, windowOf } from './slots.service.ts';

const SlotsQuery = Type.Object({
  from: Type.Optional(
    Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First day (Rome), default today' }),
  ),
  days: Type.Optional(Type.Integer({ minimum: 1, maximum: 31, default: 14, description: 'How many days' })),
  topic: Type.Optional(
    Type.String({ maxLength: 60, description: 'Topic code: its length decides which start times fit' }),
  ),
});
const SlotsResponse = Type.Object({
  officeId: Type.String(),
  slotMinutes: Type.Integer(),
  durationMinutes: Type.Integer(),
  slots: Type.Array(
    Type.Object({
      startsAt: Type.String({ format: 'date-time' }),
      day: Type.String({ description: 'YYYY-MM-DD in Europe/Rome' }),
      time: Type.String({ description: 'HH:MM in Europe/Rome' }),
      free: Type.Integer({ description: 'Places left at this start time' }),
    }),
  ),
});

/** Public, read-only: free start times of an office (no personal data). */
export function registerSlotsApi(app: App, deps: RouteDeps): void {
  app.get(
    '/api/v1/offices/:id/slots',
    {
      schema: {
        tags: ['appointments'],
        summary:
          'Free appointment start times of an office bookable online, from the weekly hours, exceptions, public ' +
          'holidays and patron day, minus bookings. Public; times in UTC with the Rome day and time beside them.',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        querystring: SlotsQuery,
        response: { 200: SlotsResponse, 400: problemResponse(), 404: problemResponse() },
      },
    },
    async (request) => {
      const tenantId = request.tenant.id;
      const { id } = request.params;
      const office = isUuid(id) ? (await listBookableOffices(deps.db, tenantId)).find((o) => o.id === id) : undefined;
      if (!office) throw new NotFound('office');
      const topics = await topicsOfOffice(deps.db, tenantId, office.id);
      const topic = request.query.topic ? topics.find((t) => t.code === request.query.topic) : undefined;
      if (request.query.topic && !topic) throw new NotFound('topic');
      const duration = topic?.duration_minutes ?? office.slotMinutes;
      const now = deps.clock.now();
      const from = request.query.from ?? romeDayTime(now).day;
      const slots = await withTenant(deps.db, tenantId, async (trx) =>
        freeSlotsBetween(
          trx,
          tenantId,
          office,
          from,
          addDays(from, (request.query.days ?? 14) - 1),
          slotsNeeded(duration, office.slotMinutes),
          await windowOf(trx, tenantId, now),
        ),
      );
      return {
        officeId: office.id,
        slotMinutes: office.slotMinutes,
        durationMinutes: duration,
        slots: slots.map((s) => ({ startsAt: s.startsAt.toISOString(), day: s.day, time: s.time, free: s.free })),
      };
    },
  );
}
