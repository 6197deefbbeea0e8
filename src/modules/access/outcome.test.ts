import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  operatorCtx,
  type TestOffice,
  type TestOperator,
  type TestTenant,
} from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { buildAccess } from './interview.fixture.ts';
import { checkOutcome, closeAccess, RequestsWithoutOutcome, recordOutcome } from './outcome.service.ts';

let db: Db;
let tenant: TestTenant;
let office: TestOffice;
let sw: TestOperator;
let fo: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  office = await buildOffice(db, tenant);
  sw = await buildOperator(db, tenant, 'social_worker');
  fo = await buildOperator(db, tenant, 'front_office');
});

describe('checkOutcome', () => {
  it('needs a coded reason for a refusal or a closing without action, and none otherwise', () => {
    expect(checkOutcome({ kind: 'refused' })).toEqual([{ field: '/reasonCode', code: 'required' }]);
    expect(checkOutcome({ kind: 'closed_no_action', reasonCode: 'not_eligible' })).toEqual([
      { field: '/reasonCode', code: 'notACode' },
    ]);
    expect(checkOutcome({ kind: 'refused', reasonCode: 'other' })).toEqual([
      { field: '/detail', code: 'requiredForOther' },
    ]);
    expect(checkOutcome({ kind: 'information', reasonCode: 'other' })).toEqual([
      { field: '/reasonCode', code: 'notAllowed' },
    ]);
    expect(checkOutcome({ kind: 'magic' })).toEqual([{ field: '/kind', code: 'badKind' }]);
    expect(checkOutcome({ kind: 'refused', reasonCode: 'not_resident_competence' })).toEqual([]);
  });
});

describe('outcomes and closing', () => {
  it('records several outcomes per request and closes only when every request has one', async () => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo, { requests: 3, status: 'open' });
    const [r1, r2, r3] = requestIds as [string, string, string];
    const ctx = operatorCtx(db, sw, undefined, [office.id]);
    await recordOutcome(ctx, accessId, r1, { kind: 'information', detail: 'Sportello casa' });
    await recordOutcome(ctx, accessId, r1, { kind: 'referral' });
    const err = await closeAccess(ctx, accessId).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestsWithoutOutcome);
    expect((err as RequestsWithoutOutcome).requestIds).toEqual([r2, r3]);
    expect((err as RequestsWithoutOutcome).status).toBe(409);
    await recordOutcome(ctx, accessId, r2, { kind: 'take_charge_proposal' });
    await recordOutcome(ctx, accessId, r3, { kind: 'refused', reasonCode: 'documents_missing' });
    const now = new Date('2026-03-02T10:00:00Z');
    const { closedAt } = await closeAccess({ ...ctx, clock: { now: () => now } }, accessId);
    expect(closedAt).toBe(now.toISOString());
    const row = await db
      .selectFrom('access')
      .select(['status', 'closed_at'])
      .where('id', '=', accessId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'closed', closed_at: now });
    const kinds = await db
      .selectFrom('outcome')
      .select(['request_id', 'kind'])
      .where('request_id', 'in', requestIds)
      .execute();
    expect(kinds).toHaveLength(4);
    await expect(recordOutcome(ctx, accessId, r1, { kind: 'orientation' })).rejects.toMatchObject({ status: 409 });
    await expect(closeAccess(ctx, accessId)).rejects.toMatchObject({ status: 409 });
  });

  it('answers invalid for a refusal without reason, writing nothing', async () => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo);
    const r = await recordOutcome(operatorCtx(db, sw, undefined, [office.id]), accessId, requestIds[0] as string, {
      kind: 'refused',
    });
    expect(r).toEqual({ kind: 'invalid', errors: [{ field: '/reasonCode', code: 'required' }] });
    expect(
      await db
        .selectFrom('outcome')
        .select('id')
        .where('request_id', '=', requestIds[0] as string)
        .execute(),
    ).toEqual([]);
  });

  it('lets the front desk give information and close, but not refuse', async () => {
    const { accessId, requestIds } = await buildAccess(db, tenant, office, fo);
    const ctx = operatorCtx(db, fo, undefined, [office.id]);
    const req = requestIds[0] as string;
    await expect(
      recordOutcome(ctx, accessId, req, { kind: 'refused', reasonCode: 'not_eligible' }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(await recordOutcome(ctx, accessId, req, { kind: 'information' })).toMatchObject({ kind: 'recorded' });
    expect(await closeAccess(ctx, accessId)).toHaveProperty('closedAt');
  });

  it('answers 404 for a request of another access', async () => {
    const a = await buildAccess(db, tenant, office, fo);
    const b = await buildAccess(db, tenant, office, fo);
    await expect(
      recordOutcome(operatorCtx(db, sw, undefined, [office.id]), a.accessId, b.requestIds[0] as string, {
        kind: 'information',
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
