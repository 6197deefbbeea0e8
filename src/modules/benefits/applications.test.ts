import { beforeAll, describe, expect, it } from 'vitest';
import { clockOn, ELIGIBLE_INPUTS, openEligibleApplication, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, operatorCtx } from '../../../test/support/factories.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { getApplication, recordCheck } from './applications.service.ts';
import { addMonths, decideApplication, listFunds, recordPayment, setFund } from './decisions.service.ts';

let db: Db;
let worker: Ctx;
let coordinator: Ctx;
let coordinator2: Ctx;
let admin: Ctx;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  await seedBenefitRules(db, tenant);
  const clock = clockOn('2026-03-10');
  const ctx = async (role: 'social_worker' | 'coordinator' | 'admin') =>
    operatorCtx(db, await buildOperator(db, tenant, role, { offices: [office] }), clock, [office.id]);
  worker = await ctx('social_worker');
  coordinator = await ctx('coordinator');
  coordinator2 = await ctx('coordinator');
  admin = await ctx('admin');
  await setFund(admin, { measure: 'contributo-ordinario', year: 2026, amount: 10_000 });
});

describe('benefit applications', () => {
  it('stores the inputs, the documents demanded and the evaluation with the rule version and full trace', async () => {
    const app = await openEligibleApplication(worker, {
      dsuProtocol: 'INPS-ISEE-2026-00000001-00',
      dsuDate: '2026-01-15',
    });
    expect(app.code).toMatch(/^BEN-2026-\d{6}$/);
    expect(app.evaluation).toMatchObject({ result: 'eligible', version: 2, amount: { value: 383.2, months: 6 } });
    expect(app.evaluation?.explanation.it[0]).toContain('versione 2, in vigore dal 01/01/2026');
    expect(app.evaluation?.trace.map((s) => s.condition)).toEqual(['resident', 'isee', 'below-floor']);
    expect(app.documentsDemanded).toEqual(['isee', 'identity_document', 'income_proof', 'lease']);
    expect(app.siuss).toMatchObject({ meansTest: 1, iseeThreshold: 9360 });
    expect(app.isee).toMatchObject({ value: 7000, dsuProtocol: 'INPS-ISEE-2026-00000001-00', dsuDate: '2026-01-15' });
  });

  it('four eyes: the coordinator who prepared an application cannot decide it (403, audited denied)', async () => {
    const app = await openEligibleApplication(coordinator);
    await expect(
      decideApplication(coordinator, app.id, { decision: 'approved', version: app.version }),
    ).rejects.toMatchObject({
      status: 403,
      code: 'four-eyes',
    });
    const denied = await db
      .selectFrom('audit_event')
      .select(['outcome', 'details'])
      .where('action', '=', 'benefit_application.decide')
      .where('record_id', '=', app.id)
      .execute();
    expect(denied).toEqual([{ outcome: 'denied', details: { reason: 'four-eyes' } }]);
    // Another coordinator may.
    const decided = await decideApplication(coordinator2, app.id, { decision: 'approved', version: app.version });
    expect(decided.status).toBe('approved');
  });

  it('checks are recorded with who and when; a pending or failed check blocks approval', async () => {
    const app = await openEligibleApplication(worker);
    const requested = await recordCheck(worker, app.id, { kind: 'residence' });
    const check = requested.checks[0];
    expect(check).toMatchObject({
      kind: 'residence',
      result: 'pending',
      requestedBy: (worker.actor as { userId: string }).userId,
    });
    await expect(
      decideApplication(coordinator, app.id, { decision: 'approved', version: app.version }),
    ).rejects.toMatchObject({
      status: 409,
      code: 'checks-pending',
    });
    const done = await recordCheck(worker, app.id, {
      checkId: check?.id ?? '',
      result: 'failed',
      doneOn: '2026-03-09',
    });
    expect(done.checks[0]).toMatchObject({ result: 'failed', doneOn: '2026-03-09' });
    await expect(
      decideApplication(coordinator, app.id, { decision: 'approved', version: app.version }),
    ).rejects.toMatchObject({
      code: 'check-failed',
    });
    const rejected = await decideApplication(coordinator, app.id, {
      decision: 'rejected',
      reasonCode: 'check_failed',
      version: app.version,
    });
    expect(rejected.decision).toMatchObject({ decision: 'rejected', reasonCode: 'check_failed' });
    await expect(recordCheck(worker, app.id, { kind: 'home_visit' })).rejects.toMatchObject({ status: 409 });
  });

  it('approval commits the amount on the fund and schedules monthly payments; paying moves it to paid', async () => {
    const before = (await listFunds(coordinator, 2026))[0];
    const app = await openEligibleApplication(worker);
    const approved = await decideApplication(coordinator, app.id, {
      decision: 'approved',
      version: app.version,
      periodStart: '2026-04-01',
    });
    expect(approved.decision).toMatchObject({
      totalAmount: 2299.2,
      monthlyAmount: 383.2,
      months: 6,
      periodEnd: '2026-09-30',
    });
    expect(approved.payments.map((p) => p.dueOn)).toEqual([
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
      '2026-07-01',
      '2026-08-01',
      '2026-09-01',
    ]);
    const after = (await listFunds(coordinator, 2026))[0];
    expect(Math.round(((before?.available ?? 0) - (after?.available ?? 0)) * 100) / 100).toBe(2299.2);
    const paid = await recordPayment(coordinator, approved.payments[0]?.id ?? '', '2026-03-10');
    expect(paid.status).toBe('paid');
    expect((await listFunds(coordinator, 2026))[0]?.paid).toBe((after?.paid ?? 0) + 383.2);
    await expect(recordPayment(coordinator, paid.id)).rejects.toMatchObject({ status: 409 });
    const read = await getApplication(worker, app.id);
    expect(read.payments.filter((p) => p.status === 'paid')).toHaveLength(1);
  });

  it('parallel approvals against a fund with room for one: exactly one succeeds', async () => {
    await setFund(admin, { measure: 'contributo-straordinario', year: 2026, amount: 1000 });
    const apps = [];
    for (let i = 0; i < 4; i++) {
      apps.push(
        await openEligibleApplication(worker, {
          measure: 'contributo-straordinario',
          inputs: { resident: true, urgentExpense: true, isee: 5000, expenseAmount: 800 },
        }),
      );
    }
    const results = await Promise.allSettled(
      apps.map((a) => decideApplication(coordinator, a.id, { decision: 'approved', version: a.version })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(refused).toEqual(['fund-exhausted', 'fund-exhausted', 'fund-exhausted']);
    const fund = (await listFunds(coordinator, 2026)).find((f) => f.measure === 'contributo-straordinario');
    expect(fund).toMatchObject({ amount: 1000, committed: 800, available: 200 });
  });

  it('refuses to approve what the stored evaluation does not find eligible, and a stale version', async () => {
    const app = await openEligibleApplication(worker, { inputs: { ...ELIGIBLE_INPUTS, isee: 20_000 } });
    expect(app.evaluation?.result).toBe('not_eligible');
    await expect(
      decideApplication(coordinator, app.id, { decision: 'approved', version: app.version }),
    ).rejects.toMatchObject({
      code: 'not-eligible',
    });
    await expect(
      decideApplication(coordinator, app.id, { decision: 'rejected', reasonCode: 'isee_above_threshold', version: 99 }),
    ).rejects.toMatchObject({
      code: 'stale',
    });
  });

  it('a fund cannot be set below what is committed', async () => {
    await expect(
      setFund(admin, { measure: 'contributo-straordinario', year: 2026, amount: 500 }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('adds months clamping to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
  });
});
