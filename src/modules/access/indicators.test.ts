import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOffice } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import {
  daysToInterview,
  documentsBeforeHelpShare,
  helpAtFirstInterviewRate,
  type IndicatorQuery,
  informationOnlyShare,
  mandatedShare,
  publishable,
  publishableMedian,
  reAccessWithin90Days,
  refusalRate,
  takeChargeConversion,
  walkInShare,
} from './indicators.sql.ts';
import { addInterview, addOutcome, buildAccess, buildPerson } from './interview.fixture.ts';

/*
 * Hand-computed fixture: office A, March 2026 (period 2026-03-01 … 2026-03-31).
 *
 *  access  day    channel          person  docs demanded        mandated  help   first interview (Rome day)      outcomes (request: kinds)          status
 *  a1      03-02  walk_in          P1      —                    none      true   03-02                           r1: information                      closed
 *  a2      03-03  walk_in          P2      isee                 none      false  2026-03-05T23:30Z = 03-06 Rome  r1: take_charge_proposal             open
 *  a3      03-05  phone            P3      isee, identity_doc   court     true   03-15 (a second one 03-20)      r1: refused(not_eligible); r2: info  closed
 *  a4      03-10  email            anon.   —                    police    null   —                               r1: refused(documents_missing)      closed
 *  a5      03-20  walk_in          P4      —                    none      null   —                               r1: (none)                           waiting
 *  a6      03-31  sent_by_service  P3      —                    none      true   04-01                           r1: information + orientation        closed
 * Outside the period or office: a0 (office A, 02-20, P1), p2old (office A, 2025-12-01, P2, 92 days before a2),
 * p4old (office B, 2025-12-20, P4, exactly 90 days before a5), a7 (office A, 04-01, walk_in),
 * b1 (office B, 03-04, walk_in, P2).
 */
let db: Db;
let q: IndicatorQuery;
let officeA: TestOffice;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  officeA = await buildOffice(db, tenant);
  const officeB = await buildOffice(db, tenant);
  const fo = await buildOperator(db, tenant, 'front_office');
  const sw = await buildOperator(db, tenant, 'social_worker');
  const [p1, p2, p3, p4] = [
    await buildPerson(db, tenant),
    await buildPerson(db, tenant),
    await buildPerson(db, tenant),
    await buildPerson(db, tenant),
  ];
  const at = (iso: string) => new Date(iso);
  const acc = (office: TestOffice, o: Parameters<typeof buildAccess>[4]) => buildAccess(db, tenant, office, fo, o);
  const out = (r: string | undefined, kind: string, reason: string | null = null) =>
    addOutcome(db, tenant, r as string, sw, kind, reason);

  const a1 = await acc(officeA, { day: '2026-03-02', personId: p1, helpAtFirstInterview: true, status: 'closed' });
  await addInterview(db, tenant, a1.accessId, sw, at('2026-03-02T10:00:00Z'));
  await out(a1.requestIds[0], 'information');

  const a2 = await acc(officeA, {
    day: '2026-03-03',
    personId: p2,
    documentsDemanded: ['isee'],
    helpAtFirstInterview: false,
    status: 'open',
  });
  await addInterview(db, tenant, a2.accessId, sw, at('2026-03-05T23:30:00Z'));
  await out(a2.requestIds[0], 'take_charge_proposal');

  const a3 = await acc(officeA, {
    day: '2026-03-05',
    channel: 'phone',
    personId: p3,
    documentsDemanded: ['isee', 'identity_document'],
    mandatedBy: 'court',
    helpAtFirstInterview: true,
    status: 'closed',
    requests: 2,
  });
  await addInterview(db, tenant, a3.accessId, sw, at('2026-03-20T09:00:00Z'));
  await addInterview(db, tenant, a3.accessId, sw, at('2026-03-15T09:00:00Z'));
  await out(a3.requestIds[0], 'refused', 'not_eligible');
  await out(a3.requestIds[1], 'information');

  const a4 = await acc(officeA, { day: '2026-03-10', channel: 'email', mandatedBy: 'police', status: 'closed' });
  await out(a4.requestIds[0], 'refused', 'documents_missing');

  await acc(officeA, { day: '2026-03-20', personId: p4 });

  const a6 = await acc(officeA, {
    day: '2026-03-31',
    channel: 'sent_by_service',
    personId: p3,
    helpAtFirstInterview: true,
    status: 'closed',
  });
  await addInterview(db, tenant, a6.accessId, sw, at('2026-04-01T08:00:00Z'));
  await out(a6.requestIds[0], 'information');
  await out(a6.requestIds[0], 'orientation');

  await acc(officeA, { day: '2026-02-20', personId: p1, documentsDemanded: ['isee'] });
  await acc(officeA, { day: '2025-12-01', personId: p2 });
  await acc(officeB, { day: '2025-12-20', personId: p4 });
  await acc(officeA, { day: '2026-04-01', mandatedBy: 'school' });
  await acc(officeB, { day: '2026-03-04', personId: p2, helpAtFirstInterview: false });

  q = { tenantId: tenant.id, from: '2026-03-01', to: '2026-03-31', officeId: officeA.id };
});

describe('care/control indicators on the hand-computed fixture (office A, March 2026)', () => {
  it('1. walk-in share', async () => {
    // a1, a2, a5 walk in; 6 accesses in office A: 3 / 6 = 0.5
    expect(await walkInShare(db, q)).toEqual({ numerator: 3, denominator: 6, value: 0.5 });
    // Whole tenant adds b1 (walk-in, office B): 4 / 7
    expect(await walkInShare(db, { ...q, officeId: null })).toEqual({ numerator: 4, denominator: 7, value: 4 / 7 });
  });

  it('2. days from first contact to interview (median)', async () => {
    // a1: 03-02 → 03-02 = 0; a2: 03-03 → 03-06 (23:30Z is 00:30 in Rome) = 3;
    // a3: 03-05 → first interview 03-15 = 10; a6: 03-31 → 04-01 = 1.
    // Sorted 0, 1, 3, 10 → median (1 + 3) / 2 = 2, over n = 4 accesses
    expect(await daysToInterview(db, q)).toEqual({ n: 4, median: 2 });
  });

  it('3. help at first interview rate', async () => {
    // Recorded on a1 (true), a2 (false), a3 (true), a6 (true): 3 / 4 = 0.75
    expect(await helpAtFirstInterviewRate(db, q)).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
  });

  it('4. share resolved with information only', async () => {
    // Closed: a1, a3, a4, a6 = 4. Only a1 has nothing but `information` (a6 also has orientation): 1 / 4
    expect(await informationOnlyShare(db, q)).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
  });

  it('5. documents-before-help share', async () => {
    // a2 (isee), a3 (isee + identity document) of 6 accesses: 2 / 6 (a0's demand is outside the period)
    expect(await documentsBeforeHelpShare(db, q)).toEqual({ numerator: 2, denominator: 6, value: 2 / 6 });
  });

  it('6. refusal rate with reasons', async () => {
    // Requests with an outcome: a1r1, a2r1, a3r1, a3r2, a4r1, a6r1 = 6 (a5r1 has none).
    // Refused: a3r1 (not_eligible), a4r1 (documents_missing) = 2 → 2 / 6
    expect(await refusalRate(db, q)).toEqual({
      numerator: 2,
      denominator: 6,
      value: 2 / 6,
      reasons: [
        { reasonCode: 'documents_missing', requests: 1 },
        { reasonCode: 'not_eligible', requests: 1 },
      ],
    });
  });

  it('7. mandated share', async () => {
    // a3 (court), a4 (police) of 6: 2 / 6 (a7, school, is in April)
    expect(await mandatedShare(db, q)).toEqual({ numerator: 2, denominator: 6, value: 2 / 6 });
  });

  it('8. conversion to take-charge proposal', async () => {
    // Interviewed: a1, a2, a3, a6 = 4; with a take_charge_proposal outcome: a2 → 1 / 4
    expect(await takeChargeConversion(db, q)).toEqual({ numerator: 1, denominator: 4, value: 0.25 });
  });

  it('9. re-access within 90 days', async () => {
    // Identified persons concerned: a1 P1, a2 P2, a3 P3, a5 P4, a6 P3 = 5.
    // a1: P1 came 02-20 (10 days before) → yes; a2: P2 last came 2025-12-01 (92 days) → no;
    // a3: P3 had no earlier access → no; a5: P4 came 2025-12-20 at office B (exactly 90 days) → yes;
    // a6: P3 came 03-05 (26 days) → yes.  3 / 5 = 0.6
    expect(await reAccessWithin90Days(db, q)).toEqual({ numerator: 3, denominator: 5, value: 0.6 });
  });

  it('suppresses small cells for publication', async () => {
    // 3 / 6: numerator below 5 → suppressed
    expect(publishable(await walkInShare(db, q))).toMatchObject({ value: null, suppressed: true });
    // Median over 4 accesses → suppressed
    expect(publishableMedian(await daysToInterview(db, q))).toEqual({ n: 4, median: null, suppressed: true });
    expect(publishable({ numerator: 0, denominator: 12, value: 0 })).toMatchObject({ value: 0, suppressed: false });
    expect(publishable({ numerator: 5, denominator: 10, value: 0.5 })).toMatchObject({ value: 0.5, suppressed: false });
    expect(publishable({ numerator: 0, denominator: 4, value: 0 })).toMatchObject({ value: null, suppressed: true });
  });

  it('answers zeros, not errors, for an empty period', async () => {
    const empty = { ...q, from: '2030-01-01', to: '2030-01-31' };
    expect(await walkInShare(db, empty)).toEqual({ numerator: 0, denominator: 0, value: null });
    expect(await daysToInterview(db, empty)).toEqual({ n: 0, median: null });
  });
});
