import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { anAccessOutcome } from '../../../test/support/cases.ts';
import { aCase, type SecondLevelWorld, secondLevelWorld } from '../../../test/support/referrals.ts';

// The case pages beyond the decision: proposing from an access outcome, the plan editor's conflict,
// review and conditionality outcomes, suspend and reopen; the person-file section and who sees it.
let w: SecondLevelWorld;
const signedIn = async (op: { username: string; password: string }) => {
  const b = new Browser(w.app);
  await b.login(op.username, op.password);
  return b;
};
const caseCount = async () =>
  Number(
    (
      await w.db
        .selectFrom('social_case')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  w = await secondLevelWorld();
});

describe('proposing from the person’s file and from an access outcome', () => {
  it('links the take-charge outcome, and refuses another person’s outcome (422, nothing written)', async () => {
    const sw = await signedIn(w.operators.social_worker);
    const o = await anAccessOutcome(w.db, {
      tenantId: w.tenant.id,
      officeId: w.office.id,
      personId: w.person,
      userId: w.operators.front_office.userId,
      kind: 'take_charge_proposal',
    });
    const file = `/operatori/persone/${w.person}`;
    const href = `${file}/casi/nuova?esito=${o.outcomeId}`;
    expect((await sw.get(file)).body).toContain(`href="${href}"`);
    const res = await sw.submit(href, `${file}/casi`, {
      area: 'elderly',
      reasons: 'Anziana sola, non autosufficiente',
      urgency: 'ordinary',
      sourceOutcomeId: o.outcomeId,
    });
    expect(res.statusCode).toBe(303);
    const id = String(res.headers.location).split('/').pop() ?? '';
    const row = await w.db.selectFrom('social_case').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ source_outcome_id: o.outcomeId, status: 'proposed', area: 'elderly' });
    expect((await sw.get(file)).body).not.toContain(`esito=${o.outcomeId}`);

    const other = await w.api('POST', '/api/v1/people', w.operators.social_worker.token, {
      givenNames: 'Anna',
      familyNames: 'Villa',
    });
    const foreign = await anAccessOutcome(w.db, {
      tenantId: w.tenant.id,
      officeId: w.office.id,
      personId: other.json<{ id: string }>().id,
      userId: w.operators.front_office.userId,
      kind: 'take_charge_proposal',
    });
    const before = await caseCount();
    const bad = await sw.submit(`${file}/casi/nuova`, `${file}/casi`, {
      area: 'adults',
      reasons: 'Prova',
      sourceOutcomeId: foreign.outcomeId,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('id="error-summary"');
    expect(await caseCount()).toBe(before);
  });

  it('the front desk sees no case section and is refused the proposal form', async () => {
    const desk = await signedIn(w.operators.front_office);
    const file = await desk.get(`/operatori/persone/${w.person}`);
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain('id="casi"');
    expect((await desk.get(`/operatori/persone/${w.person}/casi/nuova`)).statusCode).toBe(403);
    const res = await desk.submit(`/operatori/persone/${w.person}`, `/operatori/persone/${w.person}/casi`, {
      area: 'adults',
      reasons: 'Prova',
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('working on an open case', () => {
  it('a plan saved meanwhile makes the older form a 409 page with the current plan', async () => {
    const c = await aCase(w);
    const sw = await signedIn(w.operators.social_worker);
    const url = `/operatori/casi/${c.id}/piano`;
    const plan = {
      kind: 'care_plan',
      goal: 'Casa',
      actionService: 'SAD',
      actionOwner: 'ASA',
      actionFrom: '2026-12-01',
    };
    const first = await sw.submit(url, url, { ...plan, basedOnVersion: '0' });
    expect(first.statusCode).toBe(303);
    const stale = await sw.submit(url, url, { ...plan, goal: 'Lavoro', basedOnVersion: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('id="conflict"');
    expect(stale.body).toContain('name="basedOnVersion" value="1"');
    const versions = await w.db.selectFrom('care_plan').select('version').where('case_id', '=', c.id).execute();
    expect(versions.map((v) => v.version)).toEqual([1]);
  });

  it('an inclusion pact schedules its checks; their outcome is recorded from the case page', async () => {
    const c = await aCase(w);
    const sw = await signedIn(w.operators.social_worker);
    const url = `/operatori/casi/${c.id}/piano`;
    const today = new Date().toISOString().slice(0, 10);
    await sw.submit(url, url, {
      kind: 'inclusion_pact',
      goal: 'Ricerca attiva di lavoro',
      basedOnVersion: '0',
      agreedOn: today,
    });
    const page = await sw.get(`/operatori/casi/${c.id}`);
    const review = /action="\/operatori\/casi\/[^/]+\/verifiche\/([0-9a-f-]{36})"/.exec(page.body)?.[1] ?? '';
    expect(review).not.toBe('');
    const bad = await sw.submit(`/operatori/casi/${c.id}`, `/operatori/casi/${c.id}/verifiche/${review}`, {
      n: '0',
      doneOn: today,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#f-r0-outcome"');
    const ok = await sw.submit(`/operatori/casi/${c.id}`, `/operatori/casi/${c.id}/verifiche/${review}`, {
      n: '0',
      doneOn: today,
      outcome: 'compliant',
    });
    expect(ok.statusCode).toBe(303);
    expect((await sw.get(`/operatori/casi/${c.id}`)).body).toContain('Condizioni rispettate');
  });

  it('suspends and reopens; a stale version is 409', async () => {
    const c = await aCase(w);
    const sw = await signedIn(w.operators.social_worker);
    const url = `/operatori/casi/${c.id}`;
    const suspended = await sw.submit(url, `${url}/stato`, { action: 'suspend', version: String(c.version) });
    expect(suspended.statusCode).toBe(303);
    expect((await sw.get(url)).body).toContain('id="case-status">Sospeso<');
    const stale = await sw.submit(url, `${url}/stato`, { action: 'reopen', version: String(c.version) });
    expect(stale.statusCode).toBe(409);
    const reopened = await sw.submit(url, `${url}/stato`, { action: 'reopen', version: String(c.version + 1) });
    expect(reopened.statusCode).toBe(303);
    expect((await sw.get(url)).body).toContain('id="case-status">Aperto<');
  });

  it('a social worker not on the case gets no forms and is refused (403)', async () => {
    const c = await aCase(w);
    const other = await signedIn(w.otherWorker);
    const res = await other.submit('/accedi', `/operatori/casi/${c.id}/stato`, {
      action: 'suspend',
      version: String(c.version),
    });
    expect([403, 404]).toContain(res.statusCode);
    const plan = await other.get(`/operatori/casi/${c.id}/piano`);
    expect([403, 404]).toContain(plan.statusCode);
  });
});
