import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';

// Taking charge end to end through the API, with a clock the test moves.
let now = new Date('2026-11-02T09:00:00Z');
const clock = { now: () => now };
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
beforeAll(async () => {
  w = await secondLevelWorld({ clock });
});

const coord = () => w.operators.coordinator.token;
const sw = () => w.operators.social_worker.token;

describe('proposal and decision', () => {
  it('a proposal accepted with a responsible worker and a team opens the case; the decision time is tracked', async () => {
    now = new Date('2026-11-02T09:00:00Z');
    const p = await aCase(w, false);
    now = new Date('2026-11-04T15:00:00Z');
    const res = await w.api('POST', `/api/v1/cases/${p.id}/decision`, coord(), {
      decision: 'accept',
      version: p.version,
      responsibleWorkerId: w.operators.social_worker.userId,
      teamIds: [w.otherWorker.userId],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'open',
      responsibleWorkerId: w.operators.social_worker.userId,
      team: [w.otherWorker.userId],
      decisionHours: 54,
    });
    expect(res.json().history.map((h: { kind: string }) => h.kind)).toEqual(['proposed', 'accepted']);
    expect(res.json().code).toMatch(/^CAS-2026-\d{6}$/);
    // A second decision on the same proposal is a conflict.
    const again = await w.api('POST', `/api/v1/cases/${p.id}/decision`, coord(), {
      decision: 'decline',
      version: 2,
      reasons: 'x',
    });
    expect(again.statusCode).toBe(409);
  });

  it('a decline needs reasons and returns the proposal to the secretariat with them', async () => {
    const p = await aCase(w, false);
    const bad = await w.api('POST', `/api/v1/cases/${p.id}/decision`, coord(), {
      decision: 'decline',
      version: p.version,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors).toEqual([{ pointer: '/reasons', detail: 'required' }]);
    const ok = await w.api('POST', `/api/v1/cases/${p.id}/decision`, coord(), {
      decision: 'decline',
      version: p.version,
      reasons: 'Serve prima una valutazione UVM',
    });
    expect(ok.json()).toMatchObject({ status: 'declined', declineReasons: 'Serve prima una valutazione UVM' });
    // The proposer still sees it, with the reasons.
    const proposer = await w.api('GET', `/api/v1/cases/${p.id}`, sw());
    expect(proposer.json()).toMatchObject({ status: 'declined', declineReasons: 'Serve prima una valutazione UVM' });
  });

  it('accepting needs a social worker or coordinator of the tenant as responsible worker', async () => {
    const p = await aCase(w, false);
    const res = await w.api('POST', `/api/v1/cases/${p.id}/decision`, coord(), {
      decision: 'accept',
      version: p.version,
      responsibleWorkerId: w.operators.front_office.userId,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ pointer: '/responsibleWorkerId', detail: 'notACaseworker' }]);
  });

  it('a stale version is a conflict and changes nothing', async () => {
    const c = await aCase(w);
    const res = await w.api('POST', `/api/v1/cases/${c.id}/status`, sw(), {
      action: 'suspend',
      version: c.version - 1,
    });
    expect(res.statusCode).toBe(409);
    expect((await w.api('GET', `/api/v1/cases/${c.id}`, sw())).json().status).toBe('open');
  });
});

describe('the case', () => {
  it('transfers to another worker and area with a hand-over note kept in the history', async () => {
    const c = await aCase(w);
    const res = await w.api('POST', `/api/v1/cases/${c.id}/transfer`, sw(), {
      version: c.version,
      toWorkerId: w.otherWorker.userId,
      toArea: 'elderly',
      note: 'Ora seguito dall’area anziani',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ area: 'elderly', responsibleWorkerId: w.otherWorker.userId });
    expect(res.json().history.at(-1)).toMatchObject({
      kind: 'transferred',
      fromWorkerId: w.operators.social_worker.userId,
      toWorkerId: w.otherWorker.userId,
      fromArea: 'adults',
      toArea: 'elderly',
      note: 'Ora seguito dall’area anziani',
    });
    // The previous worker (also the proposer) still reads it but no longer changes it.
    const prev = await w.api('POST', `/api/v1/cases/${c.id}/diary`, sw(), { note: 'x' });
    expect(prev.statusCode).toBe(403);
    // In the new worker's caseload.
    const load = await w.api('GET', '/api/v1/cases', w.otherWorker.token);
    expect(load.json().items.map((i: { id: string }) => i.id)).toContain(c.id);
  });

  it('closes only with a coded reason; a closed case takes no plan', async () => {
    const c = await aCase(w);
    const bad = await w.api('POST', `/api/v1/cases/${c.id}/status`, sw(), { action: 'close', version: c.version });
    expect(bad.statusCode).toBe(422);
    const ok = await w.api('POST', `/api/v1/cases/${c.id}/status`, sw(), {
      action: 'close',
      version: c.version,
      reasonCode: 'goals_met',
    });
    expect(ok.json()).toMatchObject({ status: 'closed', closedReasonCode: 'goals_met' });
    const plan = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), {
      basedOnVersion: 0,
      kind: 'care_plan',
      goals: [{ text: 'x' }],
      actions: [],
    });
    expect(plan.statusCode).toBe(409);
  });
});

describe('care plan', () => {
  it('keeps every version; a save based on an old version is a conflict', async () => {
    const c = await aCase(w);
    const body = (v: number, goal: string) => ({
      basedOnVersion: v,
      kind: 'care_plan',
      goals: [{ text: goal }],
      actions: [{ service: 'CPI Monza', owner: 'La persona', from: '2026-11-10', to: '2027-02-10' }],
      agreedOn: '2026-11-05',
      reviewDates: ['2026-12-15'],
    });
    expect((await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), body(0, 'Lavoro'))).statusCode).toBe(201);
    const v2 = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), body(1, 'Lavoro e casa'));
    expect(v2.json().plan).toMatchObject({ version: 2, goals: [{ text: 'Lavoro e casa' }], agreedOn: '2026-11-05' });
    expect(v2.json().planVersions.map((p: { version: number }) => p.version)).toEqual([1, 2]);
    // The same review date is not scheduled twice.
    expect(v2.json().reviews.filter((r: { kind: string }) => r.kind === 'review')).toHaveLength(1);
    const stale = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, w.otherWorker.token, body(1, 'x'));
    expect(stale.statusCode).toBe(404); // not on the case
    const staleMine = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), body(1, 'Vecchia'));
    expect(staleMine.statusCode).toBe(409);
    const rows = await w.db
      .selectFrom('care_plan')
      .select('version')
      .where('case_id', '=', c.id)
      .orderBy('version')
      .execute();
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
  });

  it('an inclusion pact schedules its conditionality checks: first meeting, then every 90 days', async () => {
    const c = await aCase(w);
    const res = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), {
      basedOnVersion: 0,
      kind: 'inclusion_pact',
      goals: [{ text: 'Attivazione lavorativa' }],
      actions: [],
      agreedOn: '2026-11-05',
    });
    const checks = res.json().reviews.filter((r: { kind: string }) => r.kind === 'conditionality_check');
    expect(checks.map((r: { dueOn: string }) => r.dueOn)).toEqual([
      '2026-11-05',
      '2027-02-03',
      '2027-05-04',
      '2027-08-02',
      '2027-10-31',
      '2028-01-29',
      '2028-04-28',
    ]);
    // A new version of the pact does not schedule them again.
    const v2 = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), {
      basedOnVersion: 1,
      kind: 'inclusion_pact',
      goals: [{ text: 'Attivazione lavorativa e formazione' }],
      actions: [],
      agreedOn: '2026-11-05',
    });
    expect(v2.json().reviews.filter((r: { kind: string }) => r.kind === 'conditionality_check')).toHaveLength(7);
  });

  it('overdue reviews raise tasks until their outcome is recorded', async () => {
    now = new Date('2026-11-02T09:00:00Z');
    const c = await aCase(w);
    const saved = await w.api('POST', `/api/v1/care-plans/${c.id}/versions`, sw(), {
      basedOnVersion: 0,
      kind: 'care_plan',
      goals: [{ text: 'Casa' }],
      actions: [],
      reviewDates: ['2026-11-20'],
    });
    const review = saved.json().reviews[0];
    expect(review.overdue).toBe(false);
    now = new Date('2026-11-25T09:00:00Z');
    const tasks = await w.api('GET', '/api/v1/cases/overdue-reviews', sw());
    expect(tasks.json().items).toContainEqual(
      expect.objectContaining({ reviewId: review.id, caseId: c.id, dueOn: '2026-11-20' }),
    );
    expect((await w.api('GET', '/api/v1/cases/overdue-reviews', w.otherWorker.token)).json().items).not.toContainEqual(
      expect.objectContaining({ reviewId: review.id }),
    );
    const done = await w.api('POST', `/api/v1/care-plans/${c.id}/reviews/${review.id}`, sw(), {
      doneOn: '2026-11-24',
      outcome: 'partly',
    });
    expect(done.json().reviews[0]).toMatchObject({ doneOn: '2026-11-24', outcome: 'partly', overdue: false });
    const after = await w.api('GET', '/api/v1/cases/overdue-reviews', sw());
    expect(after.json().items).not.toContainEqual(expect.objectContaining({ reviewId: review.id }));
    const twice = await w.api('POST', `/api/v1/care-plans/${c.id}/reviews/${review.id}`, sw(), {
      doneOn: '2026-11-24',
      outcome: 'partly',
    });
    expect(twice.statusCode).toBe(404);
  });
});
