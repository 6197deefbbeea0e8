import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import type { Ctx } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { createPerson, getPerson, searchPeople, updatePerson } from './people.service.ts';

let db: Db;
let worker: TestOperator;
let ctx: Ctx;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  ctx = {
    actor: {
      kind: 'user',
      userId: worker.userId,
      username: worker.username,
      displayName: 'W',
      tenantId: tenant.id,
      role: 'social_worker',
      officeIds: [office.id],
    },
    requestId: 'test',
    clock: { now: () => new Date('2026-05-04T08:00:00Z') },
    db,
  };
});

const saved = async (body: Parameters<typeof createPerson>[1]) => {
  const r = await createPerson(ctx, body);
  if (r.kind !== 'saved') throw new Error(`expected saved, got ${JSON.stringify(r)}`);
  return r.person;
};

describe('createPerson', () => {
  it('keeps names exactly as typed: accents, apostrophes, several names', async () => {
    const p = await saved({
      givenNames: ' Maria  Grazia ',
      familyNames: "D'Annunzio Müller",
      birthDate: { year: 1950 },
    });
    expect(p).toMatchObject({
      givenNames: 'Maria Grazia',
      familyNames: "D'Annunzio Müller",
      birthDate: { year: 1950, month: null, day: null },
    });
  });

  it('accepts a person with no tax code, no address and an unknown birth date', async () => {
    const p = await saved({ givenNames: 'Amina', familyNames: 'Senza Dati', address: { kind: 'no_fixed_abode' } });
    expect(p).toMatchObject({
      taxCode: null,
      birthDate: { year: null },
      address: { kind: 'no_fixed_abode', street: null },
      office: null,
    });
  });

  it('names every invalid field at once', async () => {
    const r = await createPerson(ctx, {
      givenNames: ' ',
      familyNames: 'X',
      taxCode: 'RSSMRA85T10A562T',
      birthDate: { year: 2001, month: 2, day: 30 },
      email: 'not-an-email',
      address: { kind: 'residence' },
    });
    expect(r.kind).toBe('invalid');
    if (r.kind === 'invalid') {
      expect(r.errors.map((e) => `${e.field}:${e.code}`).sort()).toEqual(
        [
          'address.street:streetRequired',
          'birthDate:birthDateInvalid',
          'email:emailInvalid',
          'givenNames:required',
          'taxCode:taxCodeChecksum',
        ].sort(),
      );
    }
  });

  it('warns when the tax code disagrees with the declared data, and saves with a reason', async () => {
    const body = {
      givenNames: 'Mario',
      familyNames: 'Rossi',
      sex: 'F' as const,
      taxCode: 'RSSMRA85T10A562S',
      birthDate: { year: 1985, month: 12, day: 10 },
    };
    const warned = await createPerson(ctx, body);
    expect(warned).toEqual({ kind: 'tax-code-mismatch', mismatches: ['sex'] });
    const p = await saved({ ...body, taxCodeMismatchReason: 'Codice attribuito così dall’Agenzia delle Entrate' });
    expect(p.taxCodeMismatchReason).toContain('Agenzia');
    // Same tax code again: a field error, not a crash on the unique index.
    const again = await createPerson(ctx, { ...body, taxCodeMismatchReason: 'x' });
    expect(again).toEqual({ kind: 'invalid', errors: [{ field: 'taxCode', code: 'taxCodeTaken' }] });
  });

  it('accepts an omocodic tax code (after the operator rules out the similar Mario Rossi)', async () => {
    const body = {
      givenNames: 'Mario',
      familyNames: 'Rossi',
      taxCode: 'RSSMRAU5T10A562P',
      sex: 'M' as const,
      birthDate: { year: 1985, month: 12, day: 10 },
    };
    const first = await createPerson(ctx, body);
    expect(first.kind).toBe('duplicates');
    const others = first.kind === 'duplicates' ? first.candidates.map((c) => c.id) : [];
    const p = await saved({ ...body, acknowledgedDuplicates: others });
    expect(p.taxCode).toBe('RSSMRAU5T10A562P');
  });

  it('proposes likely duplicates with reasons before saving', async () => {
    const first = await saved({
      givenNames: 'Giuseppe',
      familyNames: 'Verdi',
      birthDate: { year: 1970, month: 3, day: 15 },
      phone: '039 123 4567',
    });
    const r = await createPerson(ctx, {
      givenNames: 'Giusepe',
      familyNames: 'Verdi',
      birthDate: { year: 1970, month: 3, day: 15 },
    });
    expect(r.kind).toBe('duplicates');
    if (r.kind !== 'duplicates') return;
    expect(r.candidates).toEqual([expect.objectContaining({ id: first.id, reasons: ['similarNameSameBirthDate'] })]);
    const byPhone = await createPerson(ctx, { givenNames: 'Luigi', familyNames: 'Bianchi', phone: '+39 039 1234567' });
    expect(byPhone.kind).toBe('duplicates');
    // Checked and found to be someone else: saved.
    const ok = await createPerson(ctx, {
      givenNames: 'Giusepe',
      familyNames: 'Verdi',
      birthDate: { year: 1970, month: 3, day: 15 },
      acknowledgedDuplicates: [first.id],
    });
    expect(ok.kind).toBe('saved');
  });
});

describe('updatePerson', () => {
  it('rejects a stale edit and keeps the newer data', async () => {
    const p = await saved({ givenNames: 'Anna', familyNames: 'Concorrente' });
    const first = await updatePerson(ctx, p.id, {
      givenNames: 'Anna',
      familyNames: 'Concorrente',
      phone: '3331112222',
      version: p.version,
    });
    expect(first.kind).toBe('saved');
    const stale = await updatePerson(ctx, p.id, {
      givenNames: 'Anna',
      familyNames: 'Sovrascritta',
      version: p.version,
    });
    expect(stale.kind).toBe('conflict');
    const now = await getPerson(ctx, p.id);
    expect(now.kind === 'person' && now.person).toMatchObject({
      familyNames: 'Concorrente',
      phone: '+393331112222',
      version: 2,
    });
  });
});

describe('searchPeople', () => {
  it('finds by misspelled surname without accents, by tax code, by birth date and by phone, and audits the results', async () => {
    const p = await saved({
      givenNames: 'Nicolò',
      familyNames: 'Caffè',
      birthDate: { year: 1961, month: 7, day: 4 },
      phone: '333 987 6543',
      taxCode: 'CFFNCL61L04F704I',
    });
    const ids = async (q: string) => (await searchPeople(ctx, q)).map((r) => r.id);
    expect(await ids('caffe nicolo')).toContain(p.id);
    expect(await ids('Cafe Nicolo')).toContain(p.id);
    expect(await ids('cffncl61l04f704i')).toEqual([p.id]);
    expect(await ids('04/07/1961')).toContain(p.id);
    expect(await ids('3339876543')).toContain(p.id);
    expect(await ids('caffe 1962')).not.toContain(p.id);
    const events = await db.selectFrom('audit_event').select('details').where('action', '=', 'person.search').execute();
    expect(events.some((e) => JSON.stringify(e.details).includes(p.id))).toBe(true);
  });

  it('finds a name typed either way round, one of several given names, a particle surname alone and a double surname', async () => {
    const grazia = await saved({ givenNames: 'Maria Grazia', familyNames: 'Brambilla' });
    const amrani = await saved({ givenNames: 'Fatima', familyNames: 'El Amrani' });
    const garcia = await saved({ givenNames: 'José', familyNames: 'García López' });
    const other = await saved({ givenNames: 'Mario', familyNames: 'Bramati' });
    const ids = async (q: string) => (await searchPeople(ctx, q)).map((r) => r.id);
    expect(await ids('Brambilla Maria Grazia')).toContain(grazia.id);
    expect(await ids('maria grazia brambilla')).toContain(grazia.id);
    expect(await ids('Bramilla Maria')).toContain(grazia.id);
    expect(await ids('el amrani')).toContain(amrani.id);
    expect(await ids('amrani fatima')).toContain(amrani.id);
    expect(await ids('Garcia Lopez')).toContain(garcia.id);
    expect(await ids('lopez jose')).toContain(garcia.id);
    // The best match comes first; a different person sharing only a few letters is not proposed.
    expect((await ids('Brambilla Grazia'))[0]).toBe(grazia.id);
    expect(await ids('Brambilla Grazia')).not.toContain(other.id);
  });

  it('only ever matches the current tenant, even though the matching function runs as the table owner', async () => {
    const mine = await saved({ givenNames: 'Ottavia', familyNames: 'Quaglierini' });
    const stranger = await buildTenant(db);
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM person_name_matches('quaglierini ottavia', ARRAY['quaglierini'], ARRAY['ottavia'], NULL, 10)`.execute(
      db,
    );
    expect(rows).toEqual([]); // no tenant set: nothing
    const under = (tenantId: string) =>
      withTenant(db, tenantId, async (trx) =>
        (
          await sql<{ id: string }>`
            SELECT id FROM person_name_matches('quaglierini ottavia', ARRAY['quaglierini'], ARRAY['ottavia'], NULL, 10)`.execute(
            trx,
          )
        ).rows.map((r) => r.id),
      );
    expect(await under(ctx.actor.tenantId ?? '')).toEqual([mine.id]);
    expect(await under(stranger.id)).toEqual([]);
  });
});
