import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { registerApplicationPages } from './applications.pages.tsx';
import { registerApplicationsApi } from './applications.routes.ts';
import { registerRulesApi } from './rules.routes.ts';
import { registerSelfCheckPages } from './selfcheck.routes.tsx';

/** Every route of the benefits module: one import, one call per part. */
export function registerBenefits(app: App, deps: RouteDeps): void {
  registerRulesApi(app, deps);
  registerApplicationsApi(app, deps);
  registerApplicationPages(app, deps);
  registerSelfCheckPages(app, deps);
}
