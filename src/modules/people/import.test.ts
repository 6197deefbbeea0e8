import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant, type TestTenant } from '../../../test/support/factories.ts';
import { validTaxCode } from '../../../test/support/taxcodes.ts';
import type { Db } from '../../platform/db/database.ts';
import { ImportFileError } from './import.csv.ts';
import { type ImportOptions, importPeople } from './import.service.ts';

let db: Db;
let url: string;
const deps = () => ({ db, clock: { now: () => new Date('2026-05-04T08:00:00Z') }, requestId: 'test-import' });

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
});

const HEADER = [
  'codice_fiscale',
  'cognome',
  'nome',
  'sesso',
  'data_nascita',
  'codice_comune_nascita',
  'cittadinanza',
  'indirizzo',
  'civico',
  'cap',
  'codice_comune',
  'codice_famiglia',
  'relazione_parentela',
  'data_iscrizione',
];
type Row = Partial<Record<(typeof HEADER)[number], string>>;
let seed = 1000;

/** A register row for a person born in Monza; `over` replaces any column. */
function row(over: Row = {}): Row {
  seed += 1;
  const sex = seed % 2 ? 'M' : 'F';
  const [year, month, day] = [1940 + (seed % 60), 1 + (seed % 12), 1 + (seed % 28)];
  return {
    codice_fiscale: validTaxCode(seed, { year, month, day, sex }),
    cognome: `Cognome${seed}`,
    nome: `Nome${seed}`,
    sesso: sex,
    data_nascita: `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`,
    codice_comune_nascita: 'F704',
    cittadinanza: 'IT',
    indirizzo: 'Via Italia',
    civico: String(seed % 90),
    cap: '20900',
    codice_comune: 'F704',
    ...over,
  };
}

const csv = (rows: Row[], sep = ';') =>
  Buffer.from([HEADER.join(sep), ...rows.map((r) => HEADER.map((h) => r[h] ?? '').join(sep))].join('\n'));

const run = (tenant: TestTenant, rows: Row[], options: Partial<ImportOptions> = {}) =>
  importPeople(deps(), { tenantCode: tenant.code, csv: csv(rows), ...options });

const count = async (table: 'person' | 'household' | 'household_member', tenant: TestTenant) =>
  Number(
    (
      await db
        .selectFrom(table)
        .select(db.fn.countAll().as('n'))
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('import people', () => {
  it('imports nothing when one row is invalid, naming its line and column', async () => {
    const tenant = await buildTenant(db);
    const bad = row();
    bad.codice_fiscale = `${bad.codice_fiscale?.slice(0, 15)}${bad.codice_fiscale?.endsWith('A') ? 'B' : 'A'}`;
    const s = await run(tenant, [row(), row(), bad, row()]);
    expect(s).toMatchObject({ imported: false, created: 0, invalid: 1, rows: 4 });
    expect(s.errors).toEqual([{ line: 4, field: 'codice_fiscale', code: 'taxCodeChecksum' }]);
    expect(await count('person', tenant)).toBe(0);
    const events = await db.selectFrom('audit_event').select('seq').where('tenant_id', '=', tenant.id).execute();
    expect(events).toEqual([]);
  });

  it('with skip-invalid imports the good rows and reports each bad one by line and column', async () => {
    const tenant = await buildTenant(db);
    const twin = row();
    const rows = [
      row(),
      row({ codice_fiscale: '' }), // a register person always has a tax code
      row({ data_nascita: '31/02/1950' }),
      row({ sesso: 'X', cittadinanza: 'ITA' }),
      row({ codice_famiglia: 'F1', relazione_parentela: '42' }),
      twin,
      { ...twin, nome: 'Altro' },
      row({ codice_comune_nascita: 'Q999' }),
      row(),
    ];
    const s = await run(tenant, rows, { skipInvalid: true });
    expect(s.errors).toEqual([
      { line: 3, field: 'codice_fiscale', code: 'required' },
      { line: 4, field: 'data_nascita', code: 'birthDateInvalid' },
      { line: 5, field: 'sesso', code: 'sexInvalid' },
      { line: 5, field: 'cittadinanza', code: 'citizenshipInvalid' },
      { line: 6, field: 'relazione_parentela', code: 'relationshipUnknown' },
      { line: 7, field: 'codice_fiscale', code: 'duplicateInFile' },
      { line: 8, field: 'codice_fiscale', code: 'duplicateInFile' },
      { line: 9, field: 'codice_comune_nascita', code: 'birthplaceUnknown' },
    ]);
    expect(s).toMatchObject({ imported: true, created: 2, invalid: 7, rows: 9 });
    expect(await count('person', tenant)).toBe(2);
  });

  it('is idempotent: a second run creates nothing; a changed row updates that person, audited as an import', async () => {
    const tenant = await buildTenant(db);
    const rows = Array.from({ length: 6 }, () => row());
    expect(await run(tenant, rows)).toMatchObject({ created: 6, updated: 0, unchanged: 0 });
    expect(await run(tenant, rows)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    const moved = rows.map((r, i) => (i === 2 ? { ...r, indirizzo: 'Via Nuova', civico: '7' } : r));
    expect(await run(tenant, moved)).toMatchObject({ created: 0, updated: 1, unchanged: 5 });
    expect(await count('person', tenant)).toBe(6);
    const p = await db
      .selectFrom('person')
      .select(['id', 'street', 'house_number', 'version'])
      .where('tax_code', '=', rows[2]?.codice_fiscale ?? '')
      .executeTakeFirstOrThrow();
    expect(p).toMatchObject({ street: 'Via Nuova', house_number: '7', version: 2 });
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind', 'details'])
      .where('record_id', '=', p.id)
      .orderBy('seq')
      .execute();
    expect(events).toEqual([
      { action: 'person.create', actor_kind: 'system', details: { source: 'import', line: 4 } },
      {
        action: 'person.update',
        actor_kind: 'system',
        details: { source: 'import', line: 4, changed: ['street', 'house_number'], version: 2 },
      },
    ]);
    // An empty cell never erases what an operator recorded.
    const blank = moved.map((r, i) => (i === 0 ? { ...r, cittadinanza: '', sesso: '' } : r));
    expect(await run(tenant, blank)).toMatchObject({ updated: 0 });
  });

  it('builds households from codice_famiglia, idempotently, and follows a member who moves', async () => {
    const tenant = await buildTenant(db);
    const head = row({ codice_famiglia: 'A1', relazione_parentela: '1', data_iscrizione: '01/03/2010' });
    const wife = row({ codice_famiglia: 'A1', relazione_parentela: '2', data_iscrizione: '01/03/2010' });
    const son = row({ codice_famiglia: 'A1', relazione_parentela: 'figlio', data_iscrizione: '12/05/2012' });
    const alone = row({ codice_famiglia: 'B7', relazione_parentela: 'intestatario', data_iscrizione: '2015-09-01' });
    const first = await run(tenant, [head, alone, wife, son]);
    expect(first.households).toEqual({ created: 2, joined: 4, left: 0 });
    const members = () =>
      db
        .selectFrom('household_member as m')
        .innerJoin('person as p', 'p.id', 'm.person_id')
        .select(['m.household_id', 'p.tax_code', 'm.relationship', 'm.joined_on', 'm.left_on'])
        .where('m.tenant_id', '=', tenant.id)
        .orderBy('m.joined_on')
        .orderBy('m.relationship')
        .execute();
    const once = await members();
    expect(once.map((m) => [m.tax_code, m.relationship, m.joined_on, m.left_on])).toEqual([
      [head.codice_fiscale, 'reference', '2010-03-01', null],
      [wife.codice_fiscale, 'spouse', '2010-03-01', null],
      [son.codice_fiscale, 'child', '2012-05-12', null],
      [alone.codice_fiscale, 'reference', '2015-09-01', null],
    ]);
    expect(new Set(once.slice(0, 3).map((m) => m.household_id)).size).toBe(1);

    const again = await run(tenant, [head, alone, wife, son]);
    expect(again).toMatchObject({ created: 0, unchanged: 4, households: { created: 0, joined: 0, left: 0 } });
    expect(await members()).toEqual(once);

    // The son leaves to start his own family: his membership in A1 ends on the import day.
    const own = { ...son, codice_famiglia: 'C3', relazione_parentela: '1', data_iscrizione: '01/04/2026' };
    const third = await run(tenant, [head, alone, wife, own]);
    expect(third.households).toEqual({ created: 1, joined: 1, left: 1 });
    const now = await members();
    expect(
      now.filter((m) => m.tax_code === son.codice_fiscale).map((m) => [m.relationship, m.joined_on, m.left_on]),
    ).toEqual([
      ['child', '2012-05-12', '2026-05-04'],
      ['reference', '2026-05-04', null],
    ]);
    expect(await count('household', tenant)).toBe(3);

    // The intestatario is gone from the register; his wife now heads the same household.
    const widow = { ...wife, relazione_parentela: '1' };
    const fourth = await run(tenant, [alone, widow, own]);
    expect(fourth.households).toEqual({ created: 0, joined: 1, left: 2 });
    const last = await members();
    const a1 = last.find((m) => m.tax_code === head.codice_fiscale)?.household_id;
    expect(
      last.filter((m) => m.household_id === a1).map((m) => [m.tax_code, m.relationship, m.joined_on, m.left_on]),
    ).toEqual([
      [head.codice_fiscale, 'reference', '2010-03-01', '2026-05-04'],
      [wife.codice_fiscale, 'spouse', '2010-03-01', '2026-05-04'],
      [son.codice_fiscale, 'child', '2012-05-12', '2026-05-04'],
      [wife.codice_fiscale, 'reference', '2026-05-04', null],
    ]);
  });

  it('imports a generated file of a few thousand rows, in batches, with progress', async () => {
    const tenant = await buildTenant(db);
    const rows = Array.from({ length: 3000 }, (_, i) =>
      row(
        i % 3 === 2 ? {} : { codice_famiglia: `G${Math.floor(i / 3)}`, relazione_parentela: i % 3 === 0 ? '1' : '3' },
      ),
    );
    const progress: string[] = [];
    const started = Date.now();
    const s = await run(tenant, rows, { onProgress: (p) => progress.push(`${p.phase}:${p.done}`) });
    expect(s).toMatchObject({ created: 3000, invalid: 0, households: { created: 1000, joined: 2000 } });
    expect(await count('person', tenant)).toBe(3000);
    expect(progress).toContain('checking:1000');
    expect(progress.at(-1)).toBe('importing:3000');
    expect(progress.filter((p) => p.startsWith('importing')).length).toBeGreaterThanOrEqual(6);
    expect(Date.now() - started).toBeLessThan(120_000);
  }, 180_000);

  it('reads "," files with a BOM, refuses a file that is not UTF-8 or lacks columns, and a dry run saves nothing', async () => {
    const tenant = await buildTenant(db);
    const comma = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv([row(), row()], ',')]);
    expect(await importPeople(deps(), { tenantCode: tenant.code, csv: comma, dryRun: true })).toMatchObject({
      created: 2,
      dryRun: true,
    });
    expect(await count('person', tenant)).toBe(0);
    expect(await importPeople(deps(), { tenantCode: tenant.code, csv: comma })).toMatchObject({ created: 2 });
    const latin1 = Buffer.from('codice_fiscale;cognome;nome\nXXX;Nicolò;Zoe\n', 'latin1');
    await expect(importPeople(deps(), { tenantCode: tenant.code, csv: latin1 })).rejects.toBeInstanceOf(
      ImportFileError,
    );
    const noName = Buffer.from('codice_fiscale;cognome\nX;Y\n');
    await expect(importPeople(deps(), { tenantCode: tenant.code, csv: noName })).rejects.toThrow(/nome/);
  });
});

describe('segretariato import people (CLI)', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        'node',
        [path.resolve('bin/segretariato.js'), ...args],
        { env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' }, timeout: 120_000 },
        (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });

  it('exits non-zero on invalid rows, imports with --skip-invalid, and prints a summary', async () => {
    const tenant = await buildTenant(db);
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'import-'));
    const file = path.join(dir, 'anagrafe.csv');
    await fs.writeFile(file, csv([...Array.from({ length: 1200 }, () => row()), row({ data_nascita: 'ieri' })]));
    const refused = await cli(['import', 'people', file, '--tenant', tenant.code]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('line 1202: data_nascita is not a date');
    expect(refused.stderr).toContain('Nothing imported');
    const done = await cli(['import', 'people', file, '--tenant', tenant.code, '--skip-invalid']);
    expect(done.code).toBe(0);
    expect(done.stderr).toContain('Importing: 1200/1200 rows');
    expect(done.stdout).toContain('Done: 1200 created, 0 updated, 0 unchanged, 1 invalid (of 1201 rows).');
    const unknown = await cli(['import', 'people', file, '--tenant', 'nessuno']);
    expect(unknown.code).toBe(2);
  }, 240_000);
});
