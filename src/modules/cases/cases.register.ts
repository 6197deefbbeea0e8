import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { addFileSection } from '../people/index.ts';
import { caseFileSection } from './cases.file.tsx';
import { registerCasePages } from './cases.pages.tsx';
import { registerPlanPages } from './cases.plan.pages.tsx';
import { registerProposePages } from './cases.propose.pages.tsx';
import { registerCasesApi } from './cases.routes.ts';

/** Every route of the cases module (taking charge, care plans, diary, caseloads). */
export function registerCases(app: App, deps: RouteDeps): void {
  registerCasesApi(app, deps);
  registerCasePages(app, deps);
  registerProposePages(app, deps);
  registerPlanPages(app, deps);
  // The person file lists the person's cases (people does not import cases).
  addFileSection(caseFileSection);
}
