import { randomBytes } from 'node:crypto';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  operatorCtx,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import { savePerson } from '../../../test/support/people.ts';
import { type Clock, ROLES, type Role, systemClock } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { accessPermissions } from './access.policy.ts';
import { insertTaxonomyVersion, type NeedAreaInput } from './taxonomy.service.ts';

/** A small taxonomy for tests: two SIUSS areas and two local categories. */
export const TEST_TAXONOMY: NeedAreaInput[] = [
  { code: 'families_minors', siussArea: 1, labelIt: 'Famiglie e minori', labelEn: 'Families and minors' },
  { code: 'poverty_exclusion', siussArea: 3, labelIt: 'Povertà', labelEn: 'Poverty' },
  { code: 'housing', parentCode: 'poverty_exclusion', labelIt: 'Casa', labelEn: 'Housing' },
  { code: 'school', parentCode: 'families_minors', labelIt: 'Scuola', labelEn: 'School' },
];

export async function publishTestTaxonomy(db: Db, tenant: TestTenant, areas = TEST_TAXONOMY) {
  await asSystem(db, (trx) =>
    insertTaxonomyVersion(trx, tenant.id, areas, { publishedAt: new Date(), publishedBy: null }),
  );
  const rows = await db
    .selectFrom('need_area as a')
    .innerJoin('need_taxonomy_version as v', 'v.id', 'a.taxonomy_version_id')
    .select(['a.id', 'a.code'])
    .where('a.tenant_id', '=', tenant.id)
    .orderBy('v.version', 'desc')
    .execute();
  // The newest version's id for each code.
  const ids: Record<string, string> = {};
  for (const r of rows) ids[r.code] ??= r.id;
  return ids;
}

/** A tenant with two offices, a published taxonomy, and a person to register accesses for. */
export async function accessWorld(clock: Clock = systemClock) {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  const otherOffice = await buildOffice(db, tenant);
  const area = await publishTestTaxonomy(db, tenant);
  const desk = await buildOperator(db, tenant, 'front_office', { offices: [office, otherOffice] });
  const ctx = (c: Clock = clock, op: TestOperator = desk, offices: TestOffice[] = [office, otherOffice]) =>
    operatorCtx(
      db,
      op,
      c,
      offices.map((o) => o.id),
    );
  const person = async (familyNames = `Prova${randomBytes(3).toString('hex')}`) =>
    (await savePerson(ctx(systemClock), { givenNames: 'Anna', familyNames })).id;
  return { db, tenant, office, otherOffice, area, desk, ctx, person };
}

/** Permission tests: one operator per role, all assigned to `office`, with API tokens. */
export async function accessScopes() {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  const elsewhere = await buildOffice(db, tenant);
  const area = await publishTestTaxonomy(db, tenant);
  const operators = {} as Record<Role, TestOperator & { token: string }>;
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role, { offices: [office] });
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  const other = await buildTenant(db);
  await buildOffice(db, other);
  const outsider = await buildOperator(db, other, 'coordinator');
  const outsiderToken = await buildToken(db, outsider);
  const app = await buildTestApp(db);
  const api = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  const allowed = (action: keyof typeof accessPermissions) => (role: Role) => accessPermissions[action].includes(role);
  const events = (userId: string, action: string) =>
    db
      .selectFrom('audit_event')
      .select(['outcome', 'record_id', 'details'])
      .where('actor_user_id', '=', userId)
      .where('action', '=', action)
      .orderBy('seq')
      .execute();
  /** A walk-in registered by the front office at `office`, about nobody in particular. */
  const anAccess = async (officeId = office.id, token = operators.front_office.token) => {
    const res = await api('POST', '/api/v1/accesses', token, {
      officeId,
      channel: 'walk_in',
      presentedBy: 'person',
      referrer: 'self',
      anonymous: {},
      requests: [{ needAreaId: area.housing, reason: 'Cerca casa' }],
    });
    if (res.statusCode !== 201) throw new Error(`access not created: ${res.statusCode} ${res.body}`);
    return res.json<{ access: { id: string } }>().access.id;
  };
  return { db, tenant, office, elsewhere, area, operators, outsiderToken, api, allowed, events, anAccess };
}
