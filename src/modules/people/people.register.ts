import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { registerDuplicates } from './duplicates.routes.tsx';
import { registerHouseholds } from './households.routes.tsx';
import { registerPeoplePages } from './people.pages.tsx';
import { registerPeopleApi } from './people.routes.ts';
import { registerPrivacy } from './privacy.routes.tsx';

/**
 * Every route of the people module. Each part of the module (pages, households, privacy and
 * consents, duplicates and merges, import) adds its registration here: one import, one call.
 */
export function registerPeople(app: App, deps: RouteDeps): void {
  registerPeopleApi(app, deps);
  registerPeoplePages(app, deps);
  registerHouseholds(app, deps);
  registerDuplicates(app, deps);
  registerPrivacy(app, deps);
}
