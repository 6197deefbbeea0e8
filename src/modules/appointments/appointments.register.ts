import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import type { MailDeps } from '../../platform/mail.ts';
import { addFileSection } from '../people/index.ts';
import { appointmentsFileSection } from './agenda.person.tsx';
import { registerAgendaPages } from './agenda.routes.tsx';
import { registerAppointmentsApi } from './api.appointments.routes.ts';
import { registerRequestApi } from './api.requests.routes.ts';
import { registerBookingPages } from './booking.routes.tsx';
import { registerFeedbackResultsPage } from './feedback.results.routes.tsx';
import { registerFeedbackPages } from './feedback.routes.tsx';
import { registerManagePages } from './manage.routes.tsx';
import { registerRequestListPage } from './request.pages.tsx';
import { registerRequestPages } from './request.routes.tsx';
import { registerSlotsApi } from './slots.routes.ts';
import { registerStreetSuggest } from './street.routes.tsx';
import { registerWaitlistPages } from './waitlist.routes.tsx';

/** Every route of the appointments module: public booking, managing a booking, feedback, the operators' agenda. */
export function registerAppointments(app: App, deps: RouteDeps & MailDeps): void {
  registerBookingPages(app, deps);
  registerManagePages(app, deps);
  registerFeedbackPages(app, deps);
  registerAgendaPages(app, deps);
  registerSlotsApi(app, deps);
  registerWaitlistPages(app, deps);
  // The person file lists the person's bookings and links the desk booking (people does not import appointments).
  addFileSection(appointmentsFileSection);
  registerRequestPages(app, deps);
  registerAppointmentsApi(app, deps);
  registerRequestApi(app, deps);
  registerFeedbackResultsPage(app, deps);
  registerStreetSuggest(app, deps);
  registerRequestListPage(app, deps);
}
