import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { registerNotificationPages } from './notifications.routes.tsx';

/** Every route of the notifications module: the administrators' page of the outbox. */
export function registerNotifications(app: App, deps: RouteDeps): void {
  registerNotificationPages(app, deps);
}
