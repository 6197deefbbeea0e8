import type { App } from '../../platform/http/app.ts';
import { registerConditionsPages } from './conditions.routes.tsx';
import { registerDirectoryPages } from './directory.pages.tsx';
import { type HsdsRouteDeps, registerHsdsApi } from './hsds.routes.ts';
import { registerOrganizationPages } from './organizations.routes.tsx';
import { registerPlacesPages } from './places.routes.tsx';
import { registerSuggestionPages } from './suggestion.routes.tsx';
import { registerUpkeepPages } from './upkeep.routes.tsx';

/** The service directory: the public HSDS API, public pages and operator upkeep. */
export function registerDirectory(app: App, deps: HsdsRouteDeps): void {
  registerHsdsApi(app, deps);
  registerDirectoryPages(app, deps);
  registerUpkeepPages(app, deps);
  registerPlacesPages(app, deps);
  registerConditionsPages(app, deps);
  registerOrganizationPages(app, deps);
  registerSuggestionPages(app, deps);
}
