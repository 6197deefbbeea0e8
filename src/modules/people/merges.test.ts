import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import { operatorCtx, savePerson } from '../../../test/support/people.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { markNotDuplicate } from './duplicates.service.ts';
import { mergePeople, unmergePeople } from './merges.service.ts';
import { updatePerson } from './people.service.ts';

let db: Db;
let worker: TestOperator;
let colleague: TestOperator;
let ctx: Ctx;
let frontCtx: Ctx;
let otherTenantCtx: Ctx;
const NOW = new Date('2026-05-04T08:00:00Z');
const ctxOf = (op: TestOperator, officeIds: string[] = []) => operatorCtx(db, op, NOW, officeIds);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  colleague = await buildOperator(db, tenant, 'coordinator');
  ctx = ctxOf(worker, [office.id]);
  frontCtx = ctxOf(await buildOperator(db, tenant, 'front_office'));
  otherTenantCtx = ctxOf(await buildOperator(db, await buildTenant(db), 'social_worker'));
});

const saved = (body: Parameters<typeof savePerson>[1], as: Ctx = ctx) => savePerson(as, body);

describe('mergePeople and unmergePeople', () => {
  it('keeps an edit made to the survivor after the merge, and says so', async () => {
    const s = await saved({ givenNames: 'Teodolinda', familyNames: 'Brambillasca' });
    const m = await saved({
      givenNames: 'Teodolinda',
      familyNames: 'Brambillasca',
      phone: '3409998877',
      email: 'teo@example.org',
    });
    const r = await mergePeople(ctx, { survivorId: s.id, mergedId: m.id });
    if (r.kind !== 'merged') throw new Error(r.reason);
    await updatePerson(ctx, s.id, {
      givenNames: 'Teodolinda',
      familyNames: 'Brambillasca',
      phone: '3400000001',
      email: 'teo@example.org',
      version: 2,
    });
    const u = await unmergePeople(ctx, r.merge.mergeId);
    expect(u).toMatchObject({ kind: 'unmerged', keptFields: ['phone'] });
    const after = await db
      .selectFrom('person')
      .select(['id', 'phone', 'email', 'merged_into'])
      .where('id', 'in', [s.id, m.id])
      .execute();
    expect(after).toEqual(
      expect.arrayContaining([
        { id: s.id, phone: '+393400000001', email: null, merged_into: null },
        { id: m.id, phone: '+393409998877', email: 'teo@example.org', merged_into: null },
      ]),
    );
  });

  it('refuses to undo a merge while the survivor is merged into someone else', async () => {
    const a = await saved({ givenNames: 'Primo', familyNames: 'Zanardelli' });
    const b = await saved({ givenNames: 'Primo', familyNames: 'Zanardelli' });
    const c = await saved({ givenNames: 'Primo', familyNames: 'Zanardelli' });
    const first = await mergePeople(ctx, { survivorId: b.id, mergedId: a.id });
    const second = await mergePeople(ctx, { survivorId: c.id, mergedId: b.id });
    if (first.kind !== 'merged' || second.kind !== 'merged') throw new Error('merge refused');
    expect(await unmergePeople(ctx, first.merge.mergeId)).toMatchObject({ kind: 'refused', reason: 'survivor-merged' });
    expect(await mergePeople(ctx, { survivorId: a.id, mergedId: b.id })).toEqual({
      kind: 'refused',
      reason: 'already-merged',
    });
    expect((await unmergePeople(ctx, second.merge.mergeId)).kind).toBe('unmerged');
    expect((await unmergePeople(ctx, first.merge.mergeId)).kind).toBe('unmerged');
  });

  it('refuses a stale merge, and a merge of a record with itself', async () => {
    const a = await saved({ givenNames: 'Settimio', familyNames: 'Brusaferri' });
    const b = await saved({ givenNames: 'Settimio', familyNames: 'Brusaferri' });
    expect(await mergePeople(ctx, { survivorId: a.id, mergedId: b.id, survivorVersion: 7 })).toEqual({
      kind: 'refused',
      reason: 'stale',
    });
    expect(await mergePeople(ctx, { survivorId: a.id, mergedId: a.id })).toEqual({
      kind: 'refused',
      reason: 'same-person',
    });
    expect(
      (await db.selectFrom('person').select('merged_into').where('id', '=', b.id).executeTakeFirst())?.merged_into,
    ).toBeNull();
  });

  it("answers not found for another tenant's records, and audits the attempt", async () => {
    const a = await saved({ givenNames: 'Ildebrando', familyNames: 'Santacroce' });
    const theirs = await saved({ givenNames: 'Ildebrando', familyNames: 'Santacroce' }, otherTenantCtx);
    await expect(mergePeople(ctx, { survivorId: a.id, mergedId: theirs.id })).rejects.toBeInstanceOf(NotFound);
    await expect(markNotDuplicate(ctx, a.id, theirs.id)).rejects.toBeInstanceOf(NotFound);
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'tenant_id', 'details'])
      .where('record_id', '=', theirs.id)
      .where('actor_user_id', '=', worker.userId)
      .orderBy('seq')
      .execute();
    expect(denied).toEqual([
      { action: 'person.merge', outcome: 'denied', tenant_id: worker.tenant.id, details: { reason: 'not-found' } },
      { action: 'person.update', outcome: 'denied', tenant_id: worker.tenant.id, details: { reason: 'not-found' } },
    ]);
    expect(
      (await db.selectFrom('person').select('merged_into').where('id', '=', theirs.id).executeTakeFirst())?.merged_into,
    ).toBeNull();
  });

  it('does not let a front-office operator merge or unmerge', async () => {
    const a = await saved({ givenNames: 'Ottorino', familyNames: 'Pellizzari' });
    const b = await saved({ givenNames: 'Ottorino', familyNames: 'Pellizzari' });
    await expect(mergePeople(frontCtx, { survivorId: a.id, mergedId: b.id })).rejects.toBeInstanceOf(Forbidden);
    const r = await mergePeople(ctx, { survivorId: a.id, mergedId: b.id });
    if (r.kind !== 'merged') throw new Error(r.reason);
    await expect(unmergePeople(frontCtx, r.merge.mergeId)).rejects.toBeInstanceOf(Forbidden);
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('actor_user_id', '=', frontCtx.actor.kind === 'user' ? frontCtx.actor.userId : '')
      .where('action', '=', 'person.merge')
      .execute();
    expect(denied).toEqual([
      { action: 'person.merge', outcome: 'denied' },
      { action: 'person.merge', outcome: 'denied' },
    ]);
  });

  it('keeps a confidential file closed: merging it needs the right to open it, and the survivor becomes confidential', async () => {
    const open = await saved({ givenNames: 'Guendalina', familyNames: 'Marcolongo' });
    const secret = await saved(
      { givenNames: 'Guendalina', familyNames: 'Marcolongo', confidential: true },
      ctxOf(colleague),
    );
    await expect(mergePeople(ctx, { survivorId: open.id, mergedId: secret.id })).rejects.toBeInstanceOf(Forbidden);
    const r = await mergePeople(ctxOf(colleague), { survivorId: open.id, mergedId: secret.id });
    expect(r.kind === 'merged' && r.merge.filled).toEqual(['confidential']);
    const s = await db.selectFrom('person').select('confidential').where('id', '=', open.id).executeTakeFirst();
    expect(s?.confidential).toBe(true);
  });
});
