import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

let calls = 0;

/**
 * An access of `personId` at `officeId` with one request and one outcome of `kind` (referral,
 * take_charge_proposal, …), written directly: the referral and case pages start from such outcomes.
 */
export async function anAccessOutcome(
  db: Db,
  o: { tenantId: string; officeId: string; personId: string; userId: string; kind: string },
): Promise<{ accessId: string; outcomeId: string; code: string }> {
  const ids = { version: newId(), area: newId(), access: newId(), request: newId(), outcome: newId() };
  const code = `ACC-2026-${String(Math.floor(Math.random() * 999_999)).padStart(6, '0')}`;
  // One access per person, office and day (the counting rule): each call takes an earlier day.
  const now = new Date(Date.now() - calls++ * 86_400_000);
  await asSystem(db, async (trx) => {
    const existing = await trx
      .selectFrom('need_area')
      .select('id')
      .where('tenant_id', '=', o.tenantId)
      .executeTakeFirst();
    if (existing) ids.area = existing.id;
    else {
      await trx
        .insertInto('need_taxonomy_version')
        .values({ id: ids.version, tenant_id: o.tenantId, version: 1, published_at: now })
        .execute();
      await trx
        .insertInto('need_area')
        .values({
          id: ids.area,
          tenant_id: o.tenantId,
          taxonomy_version_id: ids.version,
          code: 'poverty',
          siuss_area: 3,
          label_it: 'Povertà',
          label_en: 'Poverty',
        })
        .execute();
    }
    await trx
      .insertInto('access')
      .values({
        id: ids.access,
        tenant_id: o.tenantId,
        code,
        office_id: o.officeId,
        access_day: now.toISOString().slice(0, 10),
        occurred_at: now,
        channel: 'walk_in',
        presented_by: 'person',
        referrer: 'self',
        registered_by: o.userId,
      })
      .execute();
    await trx
      .insertInto('access_person')
      .values({
        id: newId(),
        tenant_id: o.tenantId,
        access_id: ids.access,
        person_id: o.personId,
        office_id: o.officeId,
        access_day: now.toISOString().slice(0, 10),
      })
      .execute();
    await trx
      .insertInto('access_request')
      .values({
        id: ids.request,
        tenant_id: o.tenantId,
        access_id: ids.access,
        need_area_id: ids.area,
        reason: 'Affitto',
      })
      .execute();
    await trx
      .insertInto('outcome')
      .values({
        id: ids.outcome,
        tenant_id: o.tenantId,
        request_id: ids.request,
        kind: o.kind,
        recorded_by: o.userId,
        recorded_at: now,
      })
      .execute();
  });
  return { accessId: ids.access, outcomeId: ids.outcome, code };
}
