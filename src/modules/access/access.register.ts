import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { registerAccessPages } from './access.pages.tsx';
import { registerAccessApi } from './access.routes.ts';
import { registerInterviewPages } from './interview.pages.tsx';
import { registerInterviewApi } from './interview.routes.ts';

/**
 * Every route of the access module. Each part (register, interviews, questionnaires, outcomes,
 * indicators) adds its registration here: one import, one call.
 */
export function registerAccess(app: App, deps: RouteDeps): void {
  registerAccessApi(app, deps);
  registerAccessPages(app, deps);
  registerInterviewApi(app, deps);
  registerInterviewPages(app, deps);
}
