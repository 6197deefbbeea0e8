import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { formFrom } from './booking.validation.ts';
import { BookingStepPage } from './booking.views.tsx';
import { addDays, romeDayTime } from './calendar.ts';
import { listBookableOffices } from './slots.service.ts';
import { suggestOffice } from './street.service.ts';
import type { StreetBox } from './street.views.tsx';

const Str = (max = 200) => Type.Optional(Type.String({ maxLength: max }));

/**
 * Booking step 1's "suggest the office" button (formaction). The whole booking form arrives; the street
 * picks the neighbourhood office, selected on step 1 shown again. Without a street (Enter pressed on
 * another field makes this the default button) the same POST goes on to /prenota (307 keeps the body).
 */
export function registerStreetSuggest(app: App, deps: RouteDeps): void {
  app.post(
    '/prenota/quartiere',
    {
      schema: {
        hide: true,
        body: Type.Object({ street: Str(200), houseNumber: Str(20), _csrf: Str() }, { additionalProperties: true }),
      },
      preHandler: app.csrfProtection,
    },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      const street = typeof body.street === 'string' ? body.street.trim() : '';
      const houseNumber = typeof body.houseNumber === 'string' ? body.houseNumber.trim() : '';
      if (!street) return reply.redirect('/prenota', 307);
      const form = formFrom(body);
      const tenantId = request.tenant.id;
      const offices = await listBookableOffices(deps.db, tenantId);
      const suggestion =
        [...street].length >= 3 ? await suggestOffice(deps.db, tenantId, street, houseNumber) : undefined;
      const usable = suggestion && offices.some((o) => o.id === suggestion.officeId) ? suggestion : undefined;
      if (usable) form.office = usable.officeId;
      const box: StreetBox = {
        street,
        houseNumber,
        suggestion: usable,
        problem: usable ? undefined : [...street].length < 3 ? 'too-short' : 'not-found',
      };
      const today = romeDayTime(deps.clock.now()).day;
      return sendPage(
        reply,
        <BookingStepPage
          page={pageCtx(request, reply)}
          csrf={reply.generateCsrf()}
          step="office"
          form={form}
          data={{
            offices,
            topics: [],
            days: [],
            slots: [],
            minMonth: today.slice(0, 7),
            maxMonth: addDays(today, 60).slice(0, 7),
            street: box,
          }}
          errors={[]}
        />,
      );
    },
  );
}
