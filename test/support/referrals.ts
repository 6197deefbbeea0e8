import { ROLES, type Role } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
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
export async function secondLevelWorld(options: { clock?: { now(): Date } } = {}) {
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
  const app = await buildTestApp(db, options.clock ? { clock: options.clock } : {});
  const api = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
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
