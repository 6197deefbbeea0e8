import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import { operatorCtx, savePerson } from '../../../test/support/people.ts';
import { validTaxCode } from '../../../test/support/taxcodes.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { PERSON_REFERENCES } from './duplicates.repository.ts';
import { mergePeople, unmergePeople } from './merges.service.ts';

let db: Db;
let worker: TestOperator;
let colleague: TestOperator;
let ctx: Ctx;
const NOW = new Date('2026-05-04T08:00:00Z');

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  colleague = await buildOperator(db, tenant, 'coordinator');
  ctx = operatorCtx(db, worker, NOW, [office.id]);
});

const saved = (body: Parameters<typeof savePerson>[1]) => savePerson(ctx, body);

/** Every row of every table a merge may touch, as PostgreSQL sees it (jsonb, exact timestamps). */
async function snapshot(tenantId: string) {
  const tables = ['person', 'household', ...new Set(PERSON_REFERENCES.map((r) => r.table))];
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    // version/updated_at are bookkeeping: a merge and its undoing each move them on, on purpose.
    const strip = table === 'person' ? sql`- 'version' - 'updated_at'` : sql``;
    const { rows } = await sql<{ row: unknown }>`
      SELECT to_jsonb(t) ${strip} AS row FROM ${sql.table(table)} t
      WHERE t.tenant_id = ${tenantId} ORDER BY to_jsonb(t)::text`.execute(db);
    out[table] = rows.map((r) => r.row);
  }
  return out;
}

async function household(tenantId: string, members: { person: string; relationship: string; left?: string }[]) {
  const id = newId();
  await db.insertInto('household').values({ id, tenant_id: tenantId }).execute();
  for (const m of members) {
    await db
      .insertInto('household_member')
      .values({
        id: newId(),
        tenant_id: tenantId,
        household_id: id,
        person_id: m.person,
        relationship: m.relationship,
        joined_on: '2020-01-01',
        left_on: m.left ?? null,
      })
      .execute();
  }
  return id;
}

const referencing = async (table: string, column: string, id: string) =>
  (await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)} WHERE ${sql.ref(column)} = ${id}`.execute(db))
    .rows[0]?.n;

describe('mergePeople then unmergePeople', () => {
  it('moves every linked row to the survivor, and an unmerge restores both records exactly', async () => {
    const t = worker.tenant.id;
    const survivor = await saved({
      givenNames: 'Salvatore',
      familyNames: 'Ferrandino',
      sex: 'M',
      birthDate: { year: 1958 },
      taxCode: validTaxCode(1, { year: 1958, month: 2, day: 9, sex: 'M' }),
    });
    const merged = await saved({
      givenNames: 'Salvatore',
      familyNames: 'Ferrandino',
      birthDate: { year: 1958, month: 2, day: 9 },
      phone: '347 555 0101',
      contactPreference: 'do_not_contact',
      languages: ['it', 'ar'],
      identifiers: [{ kind: 'identity_card', value: 'CA00000AA' }],
      address: { kind: 'no_fixed_abode' },
    });
    const friend = await saved({ givenNames: 'Ottavio', familyNames: 'Lombardozzi' });
    const other = await saved({ givenNames: 'Clelia', familyNames: 'Vassallucci' });
    const third = await saved({ givenNames: 'Brunilde', familyNames: 'Cappelletto' });
    // Households: the survivor heads one; the merged record is a current member of another and
    // left a third years ago.
    await household(t, [{ person: survivor.id, relationship: 'reference' }]);
    await household(t, [
      { person: friend.id, relationship: 'reference' },
      { person: merged.id, relationship: 'sibling' },
    ]);
    await household(t, [{ person: merged.id, relationship: 'child', left: '2021-06-30' }]);
    const link = (a: string, b: string) => ({
      id: newId(),
      tenant_id: t,
      person_id: a,
      other_person_id: b,
      kind: 'cohabitant',
    });
    await db
      .insertInto('person_link')
      .values([link(merged.id, friend.id), link(other.id, merged.id), link(merged.id, survivor.id)])
      .execute();
    await db
      .insertInto('privacy_notice_ack')
      .values({
        id: newId(),
        tenant_id: t,
        person_id: merged.id,
        notice_version: '2026-01',
        channel: 'in_person',
        acknowledged_on: '2026-02-01',
        recorded_by: worker.userId,
      })
      .execute();
    await db
      .insertInto('consent')
      .values({
        id: newId(),
        tenant_id: t,
        person_id: merged.id,
        purpose: 'follow_up_contact',
        scope: 'phone',
        given_on: '2026-02-01',
        recorded_by: worker.userId,
      })
      .execute();
    // The worker is assigned to both records (that row cannot move: it is set aside); the colleague to one.
    await db
      .insertInto('person_assignment')
      .values([
        { tenant_id: t, person_id: merged.id, user_id: worker.userId },
        { tenant_id: t, person_id: survivor.id, user_id: worker.userId },
        { tenant_id: t, person_id: merged.id, user_id: colleague.userId },
      ])
      .execute();
    await db
      .insertInto('confidential_access')
      .values({
        id: newId(),
        tenant_id: t,
        person_id: merged.id,
        user_id: colleague.userId,
        reason: 'Segnalazione del pronto soccorso',
        opened_at: NOW,
        expires_at: NOW,
      })
      .execute();
    const pair = (a: string, b: string) => ({
      tenant_id: t,
      person_a: a < b ? a : b,
      person_b: a < b ? b : a,
      decided_by: worker.userId,
    });
    await db
      .insertInto('not_duplicate')
      .values([pair(merged.id, other.id), pair(merged.id, third.id), pair(survivor.id, third.id)])
      .execute();

    const before = await snapshot(t);
    const result = await mergePeople(ctx, {
      survivorId: survivor.id,
      mergedId: merged.id,
      survivorVersion: 1,
      mergedVersion: 1,
    });
    expect(result.kind).toBe('merged');
    if (result.kind !== 'merged') return;
    expect(result.merge.filled.sort()).toEqual(
      [
        'birth_month',
        'birth_day',
        'phone',
        'contact_preference',
        'languages',
        'address_kind',
        'street',
        'house_number',
        'postcode',
        'municipality_code',
        'municipality_name',
        'neighbourhood_id',
        'office_id',
      ].sort(),
    );

    // Nothing points at the merged record any more, except what could not move and was set aside.
    for (const ref of PERSON_REFERENCES)
      expect(await referencing(ref.table, ref.column, merged.id), `${ref.table}.${ref.column}`).toBe('0');
    expect(await referencing('person_identifier', 'person_id', survivor.id)).toBe('1');
    expect(await referencing('privacy_notice_ack', 'person_id', survivor.id)).toBe('1');
    expect(await referencing('consent', 'person_id', survivor.id)).toBe('1');
    expect(await referencing('confidential_access', 'person_id', survivor.id)).toBe('1');
    expect(await referencing('person_assignment', 'person_id', survivor.id)).toBe('2');
    const memberships = await db
      .selectFrom('household_member')
      .selectAll()
      .where('person_id', '=', survivor.id)
      .orderBy('joined_on')
      .orderBy('relationship')
      .execute();
    expect(memberships.map((m) => [m.relationship, m.left_on])).toEqual([
      ['child', '2021-06-30'],
      ['reference', null],
      ['sibling', '2026-05-04'], // a person is in one household at a time: closed on the merge day
    ]);
    const links = await db
      .selectFrom('person_link')
      .select(['person_id', 'other_person_id'])
      .where('tenant_id', '=', t)
      .execute();
    expect(links).toEqual(
      expect.arrayContaining([
        { person_id: survivor.id, other_person_id: friend.id },
        { person_id: other.id, other_person_id: survivor.id },
      ]),
    );
    expect(links).toHaveLength(2); // the link between the two records themselves is set aside
    const pairs = await db
      .selectFrom('not_duplicate')
      .select(['person_a', 'person_b'])
      .where('person_b', 'in', [survivor.id, merged.id, other.id, third.id])
      .execute();
    expect(pairs).toEqual(
      expect.arrayContaining(
        [pair(survivor.id, other.id), pair(survivor.id, third.id)].map(({ person_a, person_b }) => ({
          person_a,
          person_b,
        })),
      ),
    );
    expect(pairs).toHaveLength(2);
    const people = await db.selectFrom('person').selectAll().where('id', 'in', [survivor.id, merged.id]).execute();
    const s = people.find((p) => p.id === survivor.id);
    expect(s).toMatchObject({
      phone: '+393475550101',
      birth_month: 2,
      birth_day: 9,
      contact_preference: 'do_not_contact',
      address_kind: 'no_fixed_abode',
      version: 2,
      merged_into: null,
    });
    expect(people.find((p) => p.id === merged.id)).toMatchObject({ merged_into: survivor.id, version: 2 });

    const undone = await unmergePeople(ctx, result.merge.mergeId);
    expect(undone).toEqual({
      kind: 'unmerged',
      survivorId: survivor.id,
      mergedId: merged.id,
      notRestored: [],
      keptFields: [],
    });
    expect(await snapshot(t)).toEqual(before);
    const versions = await db
      .selectFrom('person')
      .select(['id', 'version'])
      .where('id', 'in', [survivor.id, merged.id])
      .execute();
    expect(versions.map((v) => v.version)).toEqual([3, 3]);
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'record_id', 'details'])
      .where('action', 'in', ['person.merge', 'person.unmerge'])
      .where('record_id', 'in', [survivor.id, merged.id])
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.record_id === survivor.id ? 'S' : 'M'}`)).toEqual([
      'person.merge:S',
      'person.merge:M',
      'person.unmerge:S',
      'person.unmerge:M',
    ]);
    // Ids and counts only: no name, tax code or phone in the trail.
    expect(JSON.stringify(audit)).not.toMatch(/Ferrandino|Salvatore|\+39/);
    expect(await unmergePeople(ctx, result.merge.mergeId)).toMatchObject({ kind: 'refused', reason: 'already-undone' });
  });
});
