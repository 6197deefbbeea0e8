import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import { operatorCtx, savePerson } from '../../../test/support/people.ts';
import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { findDuplicatesOf, markNotDuplicate } from './duplicates.service.ts';
import { duplicateReasons } from './people.duplicates.ts';
import type { PersonColumns } from './people.repository.ts';
import { updatePerson } from './people.service.ts';

let db: Db;
let worker: TestOperator;
let ctx: Ctx;
const NOW = new Date('2026-05-04T08:00:00Z');

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  ctx = operatorCtx(db, worker, NOW, [office.id]);
});

const saved = (body: Parameters<typeof savePerson>[1]) => savePerson(ctx, body);

const reasonsFor = async (id: string, other: string) =>
  (await findDuplicatesOf(ctx, id)).find((c) => c.id === other)?.reasons;

describe('findDuplicatesOf', () => {
  it('proposes each kind of candidate with its reason', async () => {
    const date = { year: 1961, month: 3, day: 4 };
    const a = await saved({ givenNames: 'Gianfranco', familyNames: 'Bertolazzi', birthDate: date });
    const b = await saved({ givenNames: 'Gianfranco', familyNames: 'Bertolazi', birthDate: date });
    expect(await reasonsFor(a.id, b.id)).toEqual(['similarNameSameBirthDate']);

    const c = await saved({ givenNames: 'Agnieszka', familyNames: 'Kowalczyk', birthDate: { year: 1975 } });
    const d = await saved({
      givenNames: 'Agnieszka',
      familyNames: 'Kowalczik',
      birthDate: { year: 1975, month: 6, day: 1 },
    });
    expect(await reasonsFor(c.id, d.id)).toEqual(['similarNameSameBirthYear']);

    const e = await saved({ givenNames: 'Chinedu', familyNames: 'Nwachukwu' });
    const f = await saved({ givenNames: 'Chinedu', familyNames: 'Nwachukwu', birthDate: { year: 1990 } });
    expect(await reasonsFor(f.id, e.id)).toEqual(['sameNameBirthUnknown']);

    const g = await saved({ givenNames: 'Rosa', familyNames: 'Quispe Huaman', phone: '333 111 2222' });
    const h = await saved({ givenNames: 'Luis', familyNames: 'Mamani Condori', phone: '+39 3331112222' });
    expect(await reasonsFor(g.id, h.id)).toEqual(['samePhone']);

    const passport = { kind: 'passport' as const, value: 'YA1234567' };
    const i = await saved({ givenNames: 'Youssef', familyNames: 'Haddad', identifiers: [passport] });
    const j = await saved({ givenNames: 'Karim', familyNames: 'Abboud', identifiers: [passport] });
    expect(await reasonsFor(i.id, j.id)).toEqual(['sameDocument']);

    // Two records on file never share a tax code (unique index); the reason exists for new records.
    const probe = { tax_code: 'RSSMRA85T10A562S', birth_year: null, phone: null } as unknown as PersonColumns;
    const row = { tax_code: 'RSSMRA85T10A562S', same_document: false, name_similarity: 0.1, birth_year: null };
    expect(duplicateReasons(probe, row as never)).toEqual(['sameTaxCode']);

    const events = await db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'person.duplicates')
      .where('record_id', '=', i.id)
      .execute();
    expect(events).toEqual([{ details: { candidates: [j.id] } }]);
  });

  it('never proposes again a pair marked "not the same person", either way round', async () => {
    const date = { year: 1948, month: 11, day: 30 };
    const a = await saved({ givenNames: 'Ermenegildo', familyNames: 'Scarpellini', birthDate: date });
    const b = await saved({ givenNames: 'Ermenegilda', familyNames: 'Scarpellini', birthDate: date });
    expect(await reasonsFor(a.id, b.id)).toEqual(['similarNameSameBirthDate']);
    expect(await markNotDuplicate(ctx, b.id, a.id)).toEqual({ kind: 'marked' });
    expect(await reasonsFor(a.id, b.id)).toBeUndefined();
    expect(await reasonsFor(b.id, a.id)).toBeUndefined();
    const pair = await db.selectFrom('not_duplicate').selectAll().where('decided_by', '=', worker.userId).execute();
    expect(pair).toEqual([
      expect.objectContaining({ person_a: [a.id, b.id].sort()[0], person_b: [a.id, b.id].sort()[1] }),
    ]);
    // Marking again is harmless; an update of either record does not bring the proposal back.
    expect(await markNotDuplicate(ctx, a.id, b.id)).toEqual({ kind: 'marked' });
    await updatePerson(ctx, a.id, {
      givenNames: 'Ermenegildo',
      familyNames: 'Scarpellini',
      birthDate: date,
      version: 1,
    });
    expect(await reasonsFor(a.id, b.id)).toBeUndefined();
  });
});
