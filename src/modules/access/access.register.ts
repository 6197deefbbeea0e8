import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { addFileSection } from '../people/index.ts';
import { registerAccessListPage } from './access.list.pages.tsx';
import { registerAccessPages } from './access.pages.tsx';
import { registerAccessApi } from './access.routes.ts';
import { registerAccessAdminPages } from './admin.pages.tsx';
import { registerIndicatorRoutes } from './indicators.routes.tsx';
import { registerInterviewPages } from './interview.pages.tsx';
import { registerInterviewApi } from './interview.routes.ts';
import { accessFileSection } from './timeline.views.tsx';

/**
 * Every route of the access module. Each part (register, interviews, questionnaires, outcomes,
 * indicators) adds its registration here: one import, one call.
 */
export function registerAccess(app: App, deps: RouteDeps): void {
  registerAccessApi(app, deps);
  registerAccessPages(app, deps);
  registerAccessListPage(app, deps);
  registerInterviewApi(app, deps);
  registerInterviewPages(app, deps);
  registerAccessAdminPages(app, deps);
  registerIndicatorRoutes(app, deps);
  // The person file shows the person's accesses, interviews and outcomes (people does not import access).
  addFileSection(accessFileSection);
}
