import { linkPartnerUser } from '../../src/modules/referrals/index.ts';
import { ROLES, type Role } from '../../src/platform/context.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import type { Mailer } from '../../src/platform/mail.ts';
import { buildTestApp } from './app.ts';
import { freshDatabase } from './db.ts';
import { buildOffice, buildOperator, buildTenant, buildToken, type TestOperator } from './factories.ts';
import { operatorCtx, savePerson } from './people.ts';

export type ApiOperator = TestOperator & { token: string };

/** Audit events of one user and action, oldest first. */
export const eventsOf = (db: Db, userId: string, action: string) =>
  db
    .selectFrom('audit_event')
    .select(['outcome', 'record_id', 'details'])
    .where('actor_user_id', '=', userId)
    .where('action', '=', action)
    .orderBy('seq')
    .execute();

/**
 * A tenant with one operator per role (all at `office`, with API tokens), a second social worker, an
 * outsider in another tenant, a person, and the real application.
 */
export async function secondLevelWorld(options: { clock?: { now(): Date }; mailer?: Mailer } = {}) {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  const operators = {} as Record<Role, ApiOperator>;
  for (const role of ROLES) {
    const op = await buildOperator(db, tenant, role, { offices: [office] });
    operators[role] = { ...op, token: await buildToken(db, op) };
  }
  const second = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  const otherWorker = { ...second, token: await buildToken(db, second) };
  const other = await buildTenant(db);
  await buildOffice(db, other);
  const outsiderOp = await buildOperator(db, other, 'coordinator');
  const outsider = { ...outsiderOp, token: await buildToken(db, outsiderOp) };
  const sw = operators.social_worker;
  const person = (
    await savePerson(operatorCtx(db, sw, new Date(), [office.id]), {
      givenNames: 'Giulia',
      familyNames: `Brambilla${Math.random().toString(36).slice(2, 6)}`,
      phone: '+39 333 1234567',
      email: 'giulia@example.org',
    })
  ).id;
  const app = await buildTestApp(db, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mailer ? { mailer: options.mailer } : {}),
  });
  const api = (method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) =>
    app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
  return {
    db,
    tenant,
    office,
    operators,
    otherWorker,
    outsider,
    person,
    app,
    api,
    events: (userId: string, action: string) => eventsOf(db, userId, action),
  };
}

export type SecondLevelWorld = Awaited<ReturnType<typeof secondLevelWorld>>;

/** A proposal by the social worker, optionally accepted by the coordinator with the social worker responsible. */
export async function aCase(w: SecondLevelWorld, accept = true): Promise<{ id: string; version: number }> {
  const res = await w.api('POST', '/api/v1/cases', w.operators.social_worker.token, {
    personId: w.person,
    area: 'adults',
    reasons: 'Perdita del lavoro e sfratto',
    urgency: 'within_days',
  });
  if (res.statusCode !== 201) throw new Error(`case not proposed: ${res.statusCode} ${res.body}`);
  const created = res.json<{ id: string; version: number }>();
  if (!accept) return created;
  const dec = await w.api('POST', `/api/v1/cases/${created.id}/decision`, w.operators.coordinator.token, {
    decision: 'accept',
    version: created.version,
    responsibleWorkerId: w.operators.social_worker.userId,
  });
  if (dec.statusCode !== 200) throw new Error(`case not accepted: ${dec.statusCode} ${dec.body}`);
  return dec.json<{ id: string; version: number }>();
}

/** A directory organization of the tenant (HSDS data: name and e-mail). */
export async function anOrganization(db: Db, tenantId: string, name: string, email: string | null = null) {
  const id = newId();
  await db
    .insertInto('organization')
    .values({
      id,
      tenant_id: tenantId,
      data: JSON.stringify({ id, name, description: name, ...(email ? { email } : {}) }),
    })
    .execute();
  return id;
}

/** A partner user of `organizationId`, with an API token. */
export async function aPartner(
  db: Db,
  tenant: SecondLevelWorld['tenant'],
  organizationId: string,
): Promise<ApiOperator> {
  const op = await buildOperator(db, tenant, 'partner');
  await asSystem(db, (trx) => linkPartnerUser(trx, tenant.id, op.userId, organizationId));
  return { ...op, token: await buildToken(db, op) };
}

/**
 * The referral world: the second-level world plus two partner organizations ("Caritas Monza", with a
 * partner user and an e-mail; "Banco alimentare", with its own partner user), and the person's consent
 * to share with Caritas.
 */
export async function referralWorld(options: { clock?: { now(): Date }; mailer?: Mailer } = {}) {
  const w = await secondLevelWorld(options);
  const org = await anOrganization(w.db, w.tenant.id, 'Caritas Monza', 'invii@caritas.example.org');
  const otherOrg = await anOrganization(w.db, w.tenant.id, 'Banco alimentare');
  const partner = await aPartner(w.db, w.tenant, org);
  // The role-table operator 'partner' belongs to Caritas too.
  await asSystem(w.db, (trx) => linkPartnerUser(trx, w.tenant.id, w.operators.partner.userId, org));
  const otherPartner = await aPartner(w.db, w.tenant, otherOrg);
  const consent = await w.api('POST', `/api/v1/people/${w.person}/consents`, w.operators.social_worker.token, {
    purpose: 'share_with_partner',
    scope: 'Caritas Monza',
    givenOn: '2026-01-10',
  });
  if (consent.statusCode !== 201) throw new Error(`consent: ${consent.statusCode} ${consent.body}`);
  return { ...w, org, otherOrg, partner, otherPartner, consentId: consent.json<{ id: string }>().id };
}

export type ReferralWorld = Awaited<ReturnType<typeof referralWorld>>;

/** A referral to Caritas sharing the given fields under the consent; sent unless `send` is false. */
export async function aReferral(
  w: ReferralWorld,
  options: { send?: boolean; fields?: string[]; token?: string } = {},
): Promise<{ id: string; version: number; code: string }> {
  const token = options.token ?? w.operators.social_worker.token;
  const res = await w.api('POST', '/api/v1/referrals', token, {
    personId: w.person,
    destinationType: 'partner',
    organizationId: w.org,
    reason: 'Pacco alimentare e orientamento al lavoro',
    urgency: 'within_days',
    legalBasis: 'consent',
    consentId: w.consentId,
    sharedFields: options.fields ?? ['givenNames', 'phone'],
  });
  if (res.statusCode !== 201) throw new Error(`referral not created: ${res.statusCode} ${res.body}`);
  const draft = res.json<{ id: string; version: number; code: string }>();
  if (options.send === false) return draft;
  const sent = await w.api('POST', `/api/v1/referrals/${draft.id}/send`, token, { version: draft.version });
  if (sent.statusCode !== 200) throw new Error(`referral not sent: ${sent.statusCode} ${sent.body}`);
  return sent.json();
}
