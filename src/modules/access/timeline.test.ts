import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOffice, buildOperator, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import { systemClock } from '../../platform/context.ts';
import { accessWorld } from './access.fixture.ts';
import { registerAccess } from './access.service.ts';
import { recordInterview } from './interview.service.ts';
import { recordOutcome } from './outcome.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let coordinator: TestOperator;
let elsewhere: TestOperator;
let researcher: TestOperator;
let personId: string;
let accessId: string;
let otherAccessId: string;

beforeAll(async () => {
  world = await accessWorld();
  worker = await buildOperator(world.db, world.tenant, 'social_worker', { offices: [world.office] });
  coordinator = await buildOperator(world.db, world.tenant, 'coordinator', { offices: [world.office] });
  const third = await buildOffice(world.db, world.tenant);
  elsewhere = await buildOperator(world.db, world.tenant, 'social_worker', { offices: [third] });
  researcher = await buildOperator(world.db, world.tenant, 'researcher');
  personId = await world.person('Cronologini');
  const walkIn = async (officeId: string, reasons: string[]) => {
    const result = await registerAccess(world.ctx(), {
      officeId,
      channel: 'walk_in',
      presentedBy: 'person',
      referrer: 'self',
      persons: [personId],
      requests: reasons.map((reason) => ({ needAreaId: world.area.housing ?? '', reason })),
      urgency: 'ordinary',
    });
    if (result.kind === 'invalid') throw new Error(JSON.stringify(result.errors));
    return result.access;
  };
  const made = await walkIn(world.office.id, ['Sfratto', 'Bollette']);
  accessId = made.id;
  otherAccessId = (await walkIn(world.otherOffice.id, ['Affitto'])).id;
  const ctx = operatorCtx(world.db, worker, systemClock, [world.office.id]);
  const interview = await recordInterview(ctx, accessId, {
    kind: 'immediate',
    startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    durationMinutes: 35,
    helpAtFirstInterview: true,
    confidentialSummary: 'Annotazione strettamente riservata',
  });
  expect(interview.kind).toBe('recorded');
  await recordOutcome(ctx, accessId, made.requests[0]?.id ?? '', { kind: 'referral', detail: 'Testo libero esito' });
  app = await buildTestApp(world.db);
});

async function fileAs(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b.get(`/operatori/persone/${personId}`);
}

describe('person file: accesses, interviews and outcomes', () => {
  it('shows the social worker the accesses of their offices, interviews, outcomes and the confidential summary', async () => {
    const res = await fileAs(worker);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Accessi, colloqui ed esiti');
    expect(res.body).toContain(`href="/operatori/accessi/${accessId}"`);
    expect(res.body).not.toContain(`href="/operatori/accessi/${otherAccessId}"`);
    expect(res.body).toContain('Invio ad altro servizio');
    expect(res.body).toContain('nessun esito ancora');
    expect(res.body).toContain('35 minuti');
    expect(res.body).toContain('Annotazione strettamente riservata');
    expect(res.body).not.toContain('Testo libero esito');
  });

  it('never shows the confidential summary to the coordinator or the front office', async () => {
    for (const op of [coordinator, world.desk]) {
      const res = await fileAs(op);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain(`href="/operatori/accessi/${accessId}"`);
      expect(res.body).toContain('35 minuti');
      expect(res.body).not.toContain('Annotazione strettamente riservata');
    }
    // The desk works at both offices: it sees both accesses.
    expect((await fileAs(world.desk)).body).toContain(`href="/operatori/accessi/${otherAccessId}"`);
  });

  it('shows nothing of another office to a social worker of a third office', async () => {
    const res = await fileAs(elsewhere);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Nessun accesso registrato per questa persona nei tuoi uffici.');
    expect(res.body).not.toContain('ACC-');
  });

  it('audits every read of the timeline with the ids shown and whether the summary was included', async () => {
    await fileAs(worker);
    const events = await world.db
      .selectFrom('audit_event')
      .select(['record_type', 'record_id', 'details', 'outcome'])
      .where('actor_user_id', '=', worker.userId)
      .where('action', '=', 'access.read')
      .where('record_type', '=', 'person')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(2);
    const last = events.at(-1);
    expect(last?.record_id).toBe(personId);
    expect(last?.outcome).toBe('ok');
    expect(last?.details).toMatchObject({ view: 'person-timeline', accessIds: [accessId], withSummary: true });
    expect(JSON.stringify(last?.details)).not.toContain('riservata');
  });

  it('is not there for roles that do not read accesses', async () => {
    const b = new Browser(app);
    await b.login(researcher.username, researcher.password);
    const res = await b.get(`/operatori/persone/${personId}`);
    expect(res.body).not.toContain('Accessi, colloqui ed esiti');
  });
});
