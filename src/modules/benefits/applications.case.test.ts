import { beforeAll, describe, expect, it } from 'vitest';
import { clockOn, ELIGIBLE_INPUTS, seedBenefitRules } from '../../../test/support/benefits.ts';
import { operatorCtx, savePerson } from '../../../test/support/people.ts';
import { aCase, type SecondLevelWorld, secondLevelWorld } from '../../../test/support/referrals.ts';
import type { Ctx } from '../../platform/context.ts';
import { openApplication } from './applications.service.ts';

let w: SecondLevelWorld;
let worker: Ctx;

beforeAll(async () => {
  w = await secondLevelWorld();
  await seedBenefitRules(w.db, w.tenant);
  worker = operatorCtx(w.db, w.operators.social_worker, clockOn('2026-03-10').now(), [w.office.id]);
});

const open = (personId: string, caseId: string) =>
  openApplication(worker, { personId, caseId, measure: 'contributo-ordinario', inputs: { ...ELIGIBLE_INPUTS } });

describe('an application opened from a case', () => {
  it('keeps the case and is flagged PresaCarico while the case is open', async () => {
    const c = await aCase(w);
    const result = await open(w.person, c.id);
    if (result.kind !== 'opened') throw new Error(JSON.stringify(result));
    expect(result.application.caseId).toBe(c.id);
    expect(result.application.siuss.presaCarico).toBe(true);
  });

  it('is not flagged PresaCarico when the case is only proposed', async () => {
    const c = await aCase(w, false);
    const result = await open(w.person, c.id);
    if (result.kind !== 'opened') throw new Error(JSON.stringify(result));
    expect(result.application.caseId).toBe(c.id);
    expect(result.application.siuss.presaCarico).toBe(false);
  });

  it("refuses another person's case, or an unknown one, as an unknown caseId and writes nothing", async () => {
    const c = await aCase(w);
    const someoneElse = await savePerson(worker, { givenNames: 'Ada', familyNames: 'Altri' });
    const count = async () =>
      Number(
        (
          await w.db
            .selectFrom('benefit_application')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    expect(await open(someoneElse.id, c.id)).toEqual({
      kind: 'invalid',
      errors: [{ field: 'caseId', code: 'unknown' }],
    });
    expect(await open(w.person, '00000000-0000-7000-8000-000000000001')).toEqual({
      kind: 'invalid',
      errors: [{ field: 'caseId', code: 'unknown' }],
    });
    expect(await count()).toBe(before);
  });
});
