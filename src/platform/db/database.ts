import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the pool or a transaction first. */
export type Executor = Db | Trx;

// int8 (count(*), bigint) arrives as a string from pg; we keep it that way and parse where it is read.
// timestamptz becomes a Date; `time` stays 'HH:MM:SS'; a calendar `date` stays 'YYYY-MM-DD' — turning
// it into a Date at local midnight would shift birth dates across time zones.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export function createDb(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, application_name: 'segretariato' });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Runs `fn` in a transaction scoped to one tenant: the role drops to segretariato_app (no owner
 * rights, no BYPASSRLS) and app.tenant_id is set, so row-level security hides every other tenant's
 * rows even if a query forgets its tenant filter.
 */
export async function withTenant<T>(db: Db, tenantId: string, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await sql`SET LOCAL ROLE segretariato_app`.execute(trx);
    await sql`SELECT set_config('app.tenant_id', ${tenantId}, true)`.execute(trx);
    return fn(trx);
  });
}

/** System work that spans tenants (login, session lookup, migrations, audit verification). */
export async function asSystem<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return db.transaction().execute(fn);
}
