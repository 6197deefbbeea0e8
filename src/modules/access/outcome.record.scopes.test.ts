import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../platform/context.ts';
import { interviewScopes } from './interview.scopes.fixture.ts';
import { recordOutcome } from './outcome.service.ts';

// Permission test for `outcome.record`: every role, through the service.
let s: Awaited<ReturnType<typeof interviewScopes>>;
beforeAll(async () => {
  s = await interviewScopes();
});

describe('outcome.record', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('outcome.record'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)('%s: allowed records (audited); refused gets 403, writes nothing, audited denied', async (role) => {
    const { accessId, requestIds } = await s.anAccess();
    const requestId = requestIds[0] as string;
    const op = s.operators[role];
    const attempt = recordOutcome(s.ctx(role), accessId, requestId, { kind: 'information' });
    const stored = () => s.db.selectFrom('outcome').select('id').where('request_id', '=', requestId).execute();
    if (s.allowed('outcome.record')(role)) {
      expect(await attempt).toMatchObject({ kind: 'recorded' });
      expect(await stored()).toHaveLength(1);
      expect(await s.events(op.userId, 'outcome.record')).toEqual([{ outcome: 'ok', record_id: requestId }]);
    } else {
      await expect(attempt).rejects.toMatchObject({ status: 403 });
      expect(await stored()).toEqual([]);
      expect(await s.events(op.userId, 'outcome.record')).toEqual([{ outcome: 'denied', record_id: requestId }]);
    }
  });

  it('refuses a professional outcome to the front desk (403, audited denied)', async () => {
    const { accessId, requestIds } = await s.anAccess();
    const attempt = recordOutcome(s.ctx('front_office'), accessId, requestIds[0] as string, {
      kind: 'take_charge_proposal',
    });
    await expect(attempt).rejects.toMatchObject({ status: 403 });
    const last = (await s.events(s.operators.front_office.userId, 'outcome.record')).at(-1);
    expect(last).toEqual({ outcome: 'denied', record_id: requestIds[0] });
  });
});
