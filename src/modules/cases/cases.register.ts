import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { registerCasePages } from './cases.pages.tsx';
import { registerCasesApi } from './cases.routes.ts';

/** Every route of the cases module (taking charge, care plans, diary, caseloads). */
export function registerCases(app: App, deps: RouteDeps): void {
  registerCasesApi(app, deps);
  registerCasePages(app, deps);
}
