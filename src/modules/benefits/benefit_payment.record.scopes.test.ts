import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { benefitsScopes } from './benefits.scopes.fixture.ts';
import { decideApplication, listDuePayments, recordPayment, setFund } from './decisions.service.ts';

// Permission test for `benefit_payment.record`: recording a payment made, and the export of payments due.
let s: Awaited<ReturnType<typeof benefitsScopes>>;
let paymentIds: string[];
beforeAll(async () => {
  s = await benefitsScopes();
  await setFund(s.ctx('admin'), { measure: 'contributo-ordinario', year: 2026, amount: 100_000 });
  const app = await s.anApplication();
  const approved = await decideApplication(s.ctx('coordinator'), app.id, {
    decision: 'approved',
    version: app.version,
  });
  paymentIds = approved.payments.map((p) => p.id);
});

describe('benefit_payment.record', () => {
  it('is granted to coordinators only', () => {
    expect(ROLES.filter(s.allowed('benefit_payment.record'))).toEqual(['coordinator']);
  });

  it.each(ROLES)('%s: allowed records a payment (audited ok); refused gets 403, audited denied', async (role) => {
    const op = s.operators[role];
    const id = paymentIds[ROLES.indexOf(role) % paymentIds.length] ?? '';
    if (s.allowed('benefit_payment.record')(role)) {
      expect(await recordPayment(s.ctx(role), id)).toMatchObject({ status: 'paid' });
      expect((await listDuePayments(s.ctx(role), '2026-12-31')).map((p) => p.id)).not.toContain(id);
      expect((await s.events(op.userId, 'benefit_payment.record')).map((e) => e.outcome)).toEqual(['ok']);
    } else {
      await expect(recordPayment(s.ctx(role), id)).rejects.toMatchObject({ status: 403 });
      await expect(listDuePayments(s.ctx(role), '2026-12-31')).rejects.toMatchObject({ status: 403 });
      const events = await s.events(op.userId, 'benefit_payment.record');
      expect(events.map((e) => e.outcome)).toEqual(['denied', 'denied']);
    }
  });

  it('another tenant’s coordinator gets 404', async () => {
    await expect(recordPayment(s.outsiderCtx(), paymentIds[5] ?? '')).rejects.toMatchObject({ status: 404 });
  });
});
