import fs from 'node:fs/promises';
import path from 'node:path';
import { createDb } from '../src/platform/db/database.ts';
import { openEmbedded } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { newId } from '../src/platform/ids.ts';
import { buildOffice, buildOperator, buildTenant, buildToken } from '../test/support/factories.ts';
import { sleep } from './cleanup.ts';

export interface BenchDatabase {
  url: string;
  tenantId: string;
  officeId: string;
  /** A need area of the tenant's (one-area) taxonomy, for registering accesses. */
  needAreaId: string;
  /** Bearer secret of an API token held by a front-office operator of the seeded office. */
  token: string;
  stop(): Promise<void>;
}

/** A throwaway embedded PostgreSQL in `dir`, migrated, with one tenant, office, operator and API token. */
export async function startBenchDatabase(dir: string, log: (message: string) => void): Promise<BenchDatabase> {
  const server = await openEmbedded(dir, { owner: 'command', log });
  if (!server.startedHere) {
    throw new Error(`A PostgreSQL server was already running on ${dir}; the bench only uses one it started itself.`);
  }
  const db = createDb(server.url, 2);
  try {
    await migrate(db);
    const tenant = await buildTenant(db);
    const office = await buildOffice(db, tenant);
    const operator = await buildOperator(db, tenant, 'front_office', { offices: [office] });
    const token = await buildToken(db, operator);
    const taxonomyId = newId();
    const needAreaId = newId();
    await db
      .insertInto('need_taxonomy_version')
      .values({ id: taxonomyId, tenant_id: tenant.id, version: 1, published_at: new Date() })
      .execute();
    await db
      .insertInto('need_area')
      .values({
        id: needAreaId,
        tenant_id: tenant.id,
        taxonomy_version_id: taxonomyId,
        code: 'housing',
        siuss_area: 3,
        label_it: 'Casa',
        label_en: 'Housing',
      })
      .execute();
    return { url: server.url, tenantId: tenant.id, officeId: office.id, needAreaId, token, stop: server.stop };
  } catch (err) {
    await server.stop();
    throw err;
  } finally {
    await db.destroy();
  }
}

/**
 * Last resort when the normal stop failed or never got a handle (start-up died half-way): a fast
 * shutdown of the postmaster recorded in our own temp folder's postmaster.pid, by its pid.
 */
export async function stopLeftoverPostgres(dir: string, log: (message: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  const text = await fs.readFile(pidFile, 'utf8').catch(() => undefined);
  const pid = Number(text?.split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) return;
  log(`PostgreSQL (pid ${pid}) is still running in ${dir}: sending it a fast shutdown.`);
  // SIGINT is PostgreSQL's fast shutdown; SIGQUIT its immediate shutdown.
  for (const signal of ['SIGINT', 'SIGQUIT'] as const) {
    process.kill(pid, signal);
    for (let i = 0; i < 50 && alive(pid); i++) await sleep(200);
    if (!alive(pid)) return;
  }
  throw new Error(`PostgreSQL (pid ${pid}) did not stop; stop it by hand.`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
