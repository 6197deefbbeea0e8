import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import type { Clock, Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  assignWorker,
  countOpeningsToReview,
  listAssignments,
  listOpenings,
  reviewOpening,
  unassignWorker,
} from './confidential.service.ts';
import { breakGlass, createPerson, getPerson } from './people.service.ts';
import { giveConsent, listConsents } from './privacy.service.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let owner: TestOperator; // creates the confidential files, so is assigned to them
let colleague: TestOperator;
let desk: TestOperator;
let coordinator: TestOperator;
let otherCoordinator: TestOperator;
let now = new Date('2026-03-10T08:00:00Z');
const clock: Clock = { now: () => now };

const ctxFor = (op: TestOperator): Ctx => operatorCtx(db, op, clock);

async function confidentialPerson(familyNames: string): Promise<string> {
  const r = await createPerson(ctxFor(owner), { givenNames: 'Riservata', familyNames, confidential: true });
  if (r.kind !== 'saved') throw new Error(`person not saved: ${r.kind}`);
  return r.person.id;
}

const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);
const lastEvent = (userId: string) =>
  db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'record_id', 'details'])
    .where('actor_user_id', '=', userId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();

async function signedIn(op: TestOperator): Promise<Browser> {
  const browser = new Browser(app);
  await browser.login(op.username, op.password);
  return browser;
}

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  owner = await buildOperator(db, tenant, 'social_worker');
  colleague = await buildOperator(db, tenant, 'social_worker');
  desk = await buildOperator(db, tenant, 'front_office');
  coordinator = await buildOperator(db, tenant, 'coordinator');
  otherCoordinator = await buildOperator(db, tenant, 'coordinator');
  app = await buildTestApp(db);
});

describe('a confidential file', () => {
  it('is closed to a worker who is not assigned: denied and audited', async () => {
    const id = await confidentialPerson('Chiusa');
    expect((await listConsents(ctxFor(owner), id)).length).toBe(0);
    const e = await refusal(listConsents(ctxFor(colleague), id));
    expect(e).toMatchObject({ status: 403, code: 'confidential' });
    expect(await lastEvent(colleague.userId)).toMatchObject({
      action: 'privacy.read',
      outcome: 'denied',
      record_id: id,
      details: { reason: 'confidential' },
    });
    const write = await refusal(giveConsent(ctxFor(colleague), id, { purpose: 'research_contact' }));
    expect(write).toMatchObject({ status: 403, code: 'confidential' });
    expect(await lastEvent(colleague.userId)).toMatchObject({ action: 'consent.give', outcome: 'denied' });
  });

  it('opens for 3 hours when a reason is stated, then closes again', async () => {
    const id = await confidentialPerson('Vetro');
    const ctx = ctxFor(colleague);
    now = new Date('2026-03-10T08:00:00Z');
    expect(await breakGlass(ctx, id, 'Segnalazione urgente del pronto soccorso')).toEqual({ kind: 'opened' });
    now = new Date('2026-03-10T10:59:59Z');
    expect(await getPerson(ctx, id)).toMatchObject({ kind: 'person' });
    expect(await listConsents(ctx, id)).toEqual([]);
    now = new Date('2026-03-10T11:00:00Z');
    expect(await getPerson(ctx, id)).toEqual({ kind: 'restricted', id });
    expect(await refusal(listConsents(ctx, id))).toMatchObject({ status: 403, code: 'confidential' });
    now = new Date('2026-03-10T08:00:00Z');
  });
});

describe('assigned workers', () => {
  it('are managed by an assigned worker: the new one opens the file without a reason', async () => {
    const id = await confidentialPerson('Assegnata');
    const r = await assignWorker(ctxFor(owner), id, colleague.userId);
    expect(r).toMatchObject({ kind: 'assigned', created: true, assignment: { userId: colleague.userId } });
    expect(await assignWorker(ctxFor(owner), id, colleague.userId)).toMatchObject({ created: false });
    expect(await getPerson(ctxFor(colleague), id)).toMatchObject({ kind: 'person' });
    const view = await listAssignments(ctxFor(colleague), id);
    expect(view.items.map((a) => a.userId).sort()).toEqual([owner.userId, colleague.userId].sort());
    expect(view.mayManage).toBe(true);
    expect(await unassignWorker(ctxFor(colleague), id, owner.userId)).toEqual({ kind: 'unassigned' });
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('record_id', '=', id)
      .where('action', 'in', ['person.assign', 'person.unassign'])
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'person.assign', details: { userId: colleague.userId } },
      { action: 'person.unassign', details: { userId: owner.userId } },
    ]);
  });

  it('cannot be changed by a worker who is not assigned (denied, audited); a coordinator can', async () => {
    const id = await confidentialPerson('Coordinata');
    const e = await refusal(assignWorker(ctxFor(colleague), id, colleague.userId));
    expect(e).toMatchObject({ status: 403 });
    expect(await lastEvent(colleague.userId)).toMatchObject({
      action: 'person.assign',
      outcome: 'denied',
      details: { reason: 'not-assigned' },
    });
    const view = await listAssignments(ctxFor(coordinator), id);
    expect(view).toMatchObject({ restricted: true, mayManage: true });
    expect(view.candidates.map((c) => c.userId)).toContain(desk.userId);
    expect(await assignWorker(ctxFor(coordinator), id, desk.userId)).toMatchObject({ kind: 'assigned' });
    // The coordinator manages the assignment but has still not opened the file.
    expect(await getPerson(ctxFor(coordinator), id)).toEqual({ kind: 'restricted', id });
  });

  it('are workers of the same tenant who work with people', async () => {
    const id = await confidentialPerson('Solo Operatori');
    const researcher = await buildOperator(db, owner.tenant, 'researcher');
    const stranger = await buildOperator(db, await buildTenant(db), 'social_worker');
    for (const userId of [researcher.userId, stranger.userId, 'not-a-uuid']) {
      expect(await assignWorker(ctxFor(owner), id, userId)).toEqual({
        kind: 'invalid',
        errors: [{ field: 'userId', code: 'notAWorker' }],
      });
    }
  });

  it('never drop to nobody on a confidential file', async () => {
    const id = await confidentialPerson('Ultima');
    expect(await unassignWorker(ctxFor(owner), id, owner.userId)).toEqual({
      kind: 'invalid',
      errors: [{ field: 'userId', code: 'lastAssignee' }],
    });
    expect(await unassignWorker(ctxFor(owner), id, colleague.userId)).toEqual({ kind: 'not-assigned' });
    expect((await listAssignments(ctxFor(owner), id)).items).toHaveLength(1);
  });
});

describe('break-the-glass review', () => {
  it('lets the coordinator see the opening and mark it seen', async () => {
    const id = await confidentialPerson('Rivista');
    now = new Date();
    await breakGlass(ctxFor(desk), id, 'Persona allo sportello chiede aiuto urgente');
    const before = await countOpeningsToReview(ctxFor(coordinator));
    expect(before).toBeGreaterThan(0);

    const browser = await signedIn(coordinator);
    const page = await browser.get('/operatori/riservati');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Persona allo sportello chiede aiuto urgente');
    expect(page.body).toContain(`href="/operatori/persone/${id}"`);
    expect(page.body).toContain(`Operatore ${desk.username}`);
    const [access] = await listOpenings(ctxFor(coordinator)).then((list) => list.filter((o) => o.personId === id));
    expect(access?.reviewed).toBeNull();
    expect(page.body).toContain(`/operatori/riservati/${access?.id}/visto`);

    const seen = await browser.submit('/operatori/riservati', `/operatori/riservati/${access?.id}/visto`, {});
    expect(seen.statusCode).toBe(303);
    expect(seen.headers.location).toBe('/operatori/riservati');
    const after = await browser.get('/operatori/riservati');
    expect(after.body).toContain(`Visto da Operatore ${coordinator.username}`);
    expect(await countOpeningsToReview(ctxFor(coordinator))).toBe(before - 1);
    expect(await lastEvent(coordinator.userId)).toMatchObject({ action: 'confidential.list' });
    const review = await db
      .selectFrom('audit_event')
      .select(['outcome', 'details'])
      .where('action', '=', 'confidential.review')
      .where('record_id', '=', access?.id ?? '')
      .execute();
    expect(review).toEqual([{ outcome: 'ok', details: { person: id } }]);
    const row = await db
      .selectFrom('confidential_access')
      .select(['reviewed_by'])
      .where('id', '=', access?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.reviewed_by).toBe(coordinator.userId);
    now = new Date('2026-03-10T08:00:00Z');
  });

  it('lists unreviewed openings first, then the newest', async () => {
    const id = await confidentialPerson('Ordine');
    const at = (iso: string) => ({ ...ctxFor(desk), clock: { now: () => new Date(iso) } });
    await breakGlass(at('2026-01-01T08:00:00Z'), id, 'Prima apertura, vecchia');
    await breakGlass(at('2026-01-02T08:00:00Z'), id, 'Seconda apertura, da rivedere');
    await breakGlass(at('2026-01-03T08:00:00Z'), id, 'Terza apertura, la più recente');
    const mine = (await listOpenings(ctxFor(coordinator))).filter((o) => o.personId === id);
    const newest = mine[0];
    if (!newest) throw new Error('no openings');
    await reviewOpening(ctxFor(coordinator), newest.id);
    const reasons = (await listOpenings(ctxFor(coordinator))).filter((o) => o.personId === id).map((o) => o.reason);
    expect(reasons).toEqual([
      'Seconda apertura, da rivedere',
      'Prima apertura, vecchia',
      'Terza apertura, la più recente',
    ]);
  });

  it('is refused to a social worker, page and action, and the refusal is audited', async () => {
    const id = await confidentialPerson('Non Tua');
    await breakGlass(ctxFor(colleague), id, 'Verifica richiesta dal tribunale');
    const [access] = (await listOpenings(ctxFor(coordinator))).filter((o) => o.personId === id);
    const browser = await signedIn(owner);
    const page = await browser.get('/operatori/riservati');
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Verifica richiesta dal tribunale');
    expect(await lastEvent(owner.userId)).toMatchObject({ action: 'confidential.list', outcome: 'denied' });
    const post = await browser.submit('/operatori', `/operatori/riservati/${access?.id}/visto`, {});
    expect(post.statusCode).toBe(403);
    expect(await lastEvent(owner.userId)).toMatchObject({ action: 'confidential.review', outcome: 'denied' });
    const row = await db
      .selectFrom('confidential_access')
      .select('reviewed_at')
      .where('id', '=', access?.id ?? '')
      .executeTakeFirstOrThrow();
    expect(row.reviewed_at).toBeNull();
    expect(await refusal(countOpeningsToReview(ctxFor(owner)))).toMatchObject({ status: 403 });
  });

  it("is another coordinator's job for a coordinator's own opening", async () => {
    const id = await confidentialPerson('Propria');
    await breakGlass(ctxFor(coordinator), id, 'Controllo del coordinatore sul caso');
    const [own] = (await listOpenings(ctxFor(coordinator))).filter((o) => o.personId === id);
    expect(own?.own).toBe(true);
    const before = await countOpeningsToReview(ctxFor(coordinator));
    expect(await countOpeningsToReview(ctxFor(otherCoordinator))).toBe(before + 1);
    expect(await refusal(reviewOpening(ctxFor(coordinator), own?.id ?? ''))).toMatchObject({ status: 403 });
    expect(await reviewOpening(ctxFor(otherCoordinator), own?.id ?? '')).toEqual({ kind: 'reviewed' });
    expect(await reviewOpening(ctxFor(otherCoordinator), own?.id ?? '')).toEqual({ kind: 'already-reviewed' });
  });

  it("answers 404 for another tenant's opening, audited as denied", async () => {
    const foreign = await buildOperator(db, await buildTenant(db), 'coordinator');
    const [access] = await listOpenings(ctxFor(coordinator));
    expect(await refusal(reviewOpening(ctxFor(foreign), access?.id ?? ''))).toMatchObject({ status: 404 });
    expect(await lastEvent(foreign.userId)).toMatchObject({
      action: 'confidential.review',
      outcome: 'denied',
      details: { reason: 'not-found' },
    });
  });
});
