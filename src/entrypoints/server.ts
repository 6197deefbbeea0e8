import { readFileSync } from 'node:fs';
import { registerAccess } from '../modules/access/index.ts';
import { registerAppointments } from '../modules/appointments/index.ts';
import { registerAuditRoutes } from '../modules/audit/index.ts';
import { registerBenefits } from '../modules/benefits/index.ts';
import { registerCases } from '../modules/cases/index.ts';
import { registerDirectory } from '../modules/directory/index.ts';
import {
  installAuthentication,
  registerIdentityRoutes,
  resolvePublicTenant,
  type TenantRef,
} from '../modules/identity/index.ts';
import { registerNotifications } from '../modules/notifications/index.ts';
import { registerOfficeRoutes } from '../modules/offices/index.ts';
import { registerPeople } from '../modules/people/index.ts';
import { registerReferrals } from '../modules/referrals/index.ts';
import { registerSiteRoutes } from '../modules/site/index.ts';
import type { Config } from '../platform/config.ts';
import { systemClock } from '../platform/context.ts';
import type { Db } from '../platform/db/database.ts';
import { migrate, migrationStatus } from '../platform/db/migrate.ts';
import { type App, createHttpApp } from '../platform/http/app.ts';
import { type Mailer, mailerFromConfig } from '../platform/mail.ts';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Builds the whole application on an open, migrated database. Tests call this with their own database. */
export async function buildApp(options: {
  config: Config;
  db: Db;
  cookieSecret: string;
  clock?: typeof systemClock;
  /** Outgoing mail; defaults to the one configured (SMTP_URL, or .eml files in DATA_DIR/mail). */
  mailer?: Mailer;
}): Promise<App> {
  const { config, db } = options;
  const clock = options.clock ?? systemClock;
  let publicTenant: TenantRef | undefined = await resolvePublicTenant(db, config.defaultTenant);
  const app = await createHttpApp({
    config,
    cookieSecret: options.cookieSecret,
    version: VERSION,
    readiness: {
      async check() {
        const status = await migrationStatus(db);
        const pending = status.filter((s) => s.state !== 'applied').map((s) => `migration ${s.version} ${s.state}`);
        publicTenant ??= await resolvePublicTenant(db, config.defaultTenant);
        return publicTenant ? pending : [...pending, 'no tenant configured'];
      },
    },
  });
  const deps = {
    db,
    clock,
    session: { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours },
    publicTenant: () => publicTenant,
    mailer: options.mailer ?? mailerFromConfig(config),
  };
  installAuthentication(app, deps);
  registerIdentityRoutes(app, deps);
  registerSiteRoutes(app, deps);
  registerOfficeRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerPeople(app, deps);
  registerAccess(app, deps);
  registerReferrals(app, deps);
  registerCases(app, deps);
  registerAppointments(app, deps);
  registerDirectory(app, deps);
  registerBenefits(app, deps);
  registerNotifications(app, deps);
  return app;
}

export { migrate };
