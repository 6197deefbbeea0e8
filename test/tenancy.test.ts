import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { asSystem, type Db, withTenant } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { buildTestApp } from './support/app.ts';
import { freshDatabase } from './support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from './support/factories.ts';

// Two walls between tenants: the policy layer (404 + audit) and PostgreSQL row-level security.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenantA: TestTenant;
let tenantB: TestTenant;
let officesA: TestOffice[];
let officesB: TestOffice[];
let operatorA: TestOperator;
let tokenA: string;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenantA = await buildTenant(db);
  tenantB = await buildTenant(db);
  officesA = [await buildOffice(db, tenantA), await buildOffice(db, tenantA)];
  officesB = [await buildOffice(db, tenantB), await buildOffice(db, tenantB)];
  operatorA = await buildOperator(db, tenantA, 'coordinator', { offices: officesA });
  tokenA = await buildToken(db, operatorA);
  await buildOperator(db, tenantB, 'coordinator', { offices: officesB });
  app = await buildTestApp(db);
});

const asA = (url: string) => app.inject({ url, headers: { authorization: `Bearer ${tokenA}` } });
const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();

describe('first wall: the policy layer', () => {
  it("answers 404 problem+json for another tenant's office, and puts the attempt on record", async () => {
    const target = officesB[0]?.id ?? '';
    const res = await asA(`/api/v1/offices/${target}`);
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 404, title: expect.any(String), type: expect.any(String) });
    expect(res.body).not.toContain(officesB[0]?.name);

    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'tenant_id', 'actor_user_id', 'request_id'])
      .where('record_id', '=', target)
      .execute();
    expect(denied).toEqual([
      {
        action: 'office.read',
        outcome: 'denied',
        tenant_id: tenantA.id,
        actor_user_id: operatorA.userId,
        request_id: res.headers['x-request-id'],
      },
    ]);
  });

  it("never lists another tenant's offices", async () => {
    const res = await asA('/api/v1/offices');
    expect(res.statusCode).toBe(200);
    expect(ids(res.json().items)).toEqual(ids(officesA));
  });
});

describe('second wall: row-level security under segretariato_app', () => {
  it('covers every table that has a tenant_id column: RLS enabled, with the tenant_isolation policy', async () => {
    const tables = await sql<{ table: string; rls: boolean; policy: boolean }>`
      SELECT c.relname AS table, c.relrowsecurity AS rls,
             EXISTS (SELECT FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation') AS policy
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
      WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace
      ORDER BY c.relname`.execute(db);
    expect(tables.rows.map((t) => t.table)).toEqual(expect.arrayContaining(['office', 'audit_event', 'api_token']));
    expect(tables.rows.filter((t) => !t.rls || !t.policy)).toEqual([]);
  });

  it('grants the application role no more than docs/SECURITY.md says', async () => {
    const can = async (table: string, privilege: string) =>
      (
        await sql<{
          ok: boolean;
        }>`SELECT has_table_privilege('segretariato_app', ${table}, ${privilege}) AS ok`.execute(db)
      ).rows[0]?.ok;
    for (const privilege of ['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) {
      expect(await can('audit_event', privilege), `audit_event ${privilege}`).toBe(false);
      expect(await can('tenant', privilege), `tenant ${privilege}`).toBe(false);
    }
    for (const table of ['user_session', 'api_token']) expect(await can(table, 'SELECT'), table).toBe(false);
    expect(await can('audit_event', 'SELECT')).toBe(true);
    const userColumns = await sql<{ column: string }>`
      SELECT attname AS column FROM pg_attribute
      WHERE attrelid = 'app_user'::regclass AND attnum > 0 AND NOT attisdropped
        AND has_column_privilege('segretariato_app', 'app_user', attname, 'SELECT')
      ORDER BY attname`.execute(db);
    expect(userColumns.rows.map((r) => r.column)).toEqual(['disabled_at', 'display_name', 'id', 'username']);
  });

  it('a query with no tenant filter at all still returns only the current tenant', async () => {
    const all = await asSystem(db, (trx) => trx.selectFrom('office').selectAll().execute());
    expect(all.length).toBeGreaterThanOrEqual(4); // the owner sees both tenants…
    const seen = await withTenant(db, tenantA.id, (trx) => trx.selectFrom('office').selectAll().execute());
    expect(ids(seen)).toEqual(ids(officesA)); // …the application role only A.
    expect(seen.every((o) => o.tenant_id === tenantA.id)).toBe(true);
  });

  it('runs as the least-privileged role, not the table owner', async () => {
    const role = await withTenant(db, tenantA.id, (trx) =>
      sql<{ role: string; bypass: boolean }>`SELECT current_user AS role,
        (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass`.execute(trx),
    );
    expect(role.rows[0]).toEqual({ role: 'segretariato_app', bypass: false });
  });

  it("hides the other tenant's hours, memberships and audit events too", async () => {
    const seen = await withTenant(db, tenantA.id, async (trx) => ({
      hours: await trx.selectFrom('office_hours').select('tenant_id').execute(),
      memberships: await trx.selectFrom('membership').select('tenant_id').execute(),
      events: await trx.selectFrom('audit_event').select('tenant_id').execute(),
    }));
    expect(seen.hours.length).toBeGreaterThan(0);
    expect(seen.memberships.length).toBeGreaterThan(0);
    expect(seen.events.length).toBeGreaterThan(0);
    for (const rows of Object.values(seen)) expect(rows.every((r) => r.tenant_id === tenantA.id)).toBe(true);
  });

  it("cannot write into or change another tenant's rows", async () => {
    const insert = withTenant(db, tenantA.id, (trx) =>
      trx
        .insertInto('office')
        .values({
          id: newId(),
          tenant_id: tenantB.id,
          code: 'smuggled',
          name: 'Sede infiltrata',
          kind: 'neighbourhood',
          street: 'Via X 1',
          city: 'Monza',
        })
        .execute(),
    );
    await expect(insert).rejects.toThrow(/row-level security/);

    const target = officesB[1]?.id ?? '';
    const changed = await withTenant(db, tenantA.id, async (trx) => ({
      updated: await trx.updateTable('office').set({ name: 'Rinominata' }).where('id', '=', target).execute(),
      deleted: await trx.deleteFrom('office').where('id', '=', target).execute(),
    }));
    expect(Number(changed.updated[0]?.numUpdatedRows)).toBe(0);
    expect(Number(changed.deleted[0]?.numDeletedRows)).toBe(0);
    const still = await asSystem(db, (trx) =>
      trx.selectFrom('office').select('name').where('id', '=', target).executeTakeFirst(),
    );
    expect(still?.name).toBe(officesB[1]?.name);
  });

  it('cannot update or delete audit events, not even its own tenant’s', async () => {
    const update = withTenant(db, tenantA.id, (trx) =>
      trx.updateTable('audit_event').set({ action: 'tampered' }).where('tenant_id', '=', tenantA.id).execute(),
    );
    await expect(update).rejects.toThrow(/permission denied/);
    const remove = withTenant(db, tenantA.id, (trx) =>
      trx.deleteFrom('audit_event').where('tenant_id', '=', tenantA.id).execute(),
    );
    await expect(remove).rejects.toThrow(/permission denied/);
  });

  it('the audit log is append-only even for the owner: triggers refuse UPDATE, DELETE and TRUNCATE', async () => {
    for (const statement of [
      sql`UPDATE audit_event SET action = 'tampered'`,
      sql`DELETE FROM audit_event`,
      sql`TRUNCATE audit_event`,
    ]) {
      await expect(asSystem(db, (trx) => statement.execute(trx))).rejects.toThrow(/append-only/);
    }
    const tampered = await db.selectFrom('audit_event').select('seq').where('action', '=', 'tampered').execute();
    expect(tampered).toEqual([]);
  });
});
