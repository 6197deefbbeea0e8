import type { Column, CsvRow } from './import.csv.ts';
import type { PersonInput } from './people.schema.ts';
import { type Prepared, preparePerson } from './people.validation.ts';
import type { Mismatch } from './taxcode.ts';

/** Our household relationships (household_member.relationship). */
export type Relationship =
  | 'reference'
  | 'spouse'
  | 'partner'
  | 'child'
  | 'parent'
  | 'sibling'
  | 'grandchild'
  | 'grandparent'
  | 'other_relative'
  | 'other';

/**
 * relazione_parentela: the ANPR codes (Tabella 5, "relazione di parentela con l'intestatario"), the
 * usual Italian words, or our own values. Codes marked "non valido" by ANPR since 2023 are still read,
 * because older extracts carry them.
 */
const ANPR: Record<string, Relationship> = {
  '1': 'reference', // intestatario della scheda
  '2': 'spouse', // marito / moglie
  '3': 'child', // figlio / figlia
  '4': 'grandchild', // nipote (discendente)
  '5': 'other_relative', // pronipote
  '6': 'parent', // padre / madre
  '7': 'grandparent', // nonno / nonna
  '8': 'other_relative', // bisnonno / bisnonna
  '9': 'sibling', // fratello / sorella
  '10': 'other_relative', // nipote (collaterale)
  '11': 'other_relative', // zio / zia
  '12': 'other_relative', // cugino / cugina
  '13': 'other_relative', // altro parente
  '14': 'other_relative', // figliastro / figliastra
  '15': 'other_relative', // patrigno / matrigna
  '16': 'other_relative', // genero / nuora
  '17': 'other_relative', // suocero / suocera
  '18': 'other_relative', // cognato / cognata
  '19': 'other_relative', // fratellastro / sorellastra
  '20': 'other_relative', // nipote (affine)
  '21': 'other_relative', // zio / zia (affine)
  '22': 'other_relative', // altro affine
  '23': 'partner', // convivente (con vincoli di adozione o affettivi)
  '24': 'other', // responsabile della convivenza non affettiva
  '25': 'other', // convivente in convivenza non affettiva
  '26': 'other', // tutore
  '28': 'partner', // unito civilmente
  '80': 'child', // adottato
  '81': 'grandchild', // nipote
  '99': 'other', // non definito / comunicato
};
const WORDS: Record<string, Relationship> = {
  intestatario: 'reference',
  'intestatario scheda': 'reference',
  coniuge: 'spouse',
  marito: 'spouse',
  moglie: 'spouse',
  'unito civilmente': 'partner',
  convivente: 'partner',
  figlio: 'child',
  figlia: 'child',
  padre: 'parent',
  madre: 'parent',
  fratello: 'sibling',
  sorella: 'sibling',
  nonno: 'grandparent',
  nonna: 'grandparent',
  'altro parente': 'other_relative',
  altro: 'other',
};
const OURS = new Set<string>(Object.values(ANPR));

export function relationshipOf(raw: string): Relationship | undefined {
  const v = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  return ANPR[v.replace(/^0+(?=\d)/, '')] ?? WORDS[v] ?? (OURS.has(v) ? (v as Relationship) : undefined);
}

export interface RowError {
  line: number;
  /** The CSV column at fault. */
  field: Column | 'riga';
  code: string;
}

export interface ImportRow {
  line: number;
  taxCode: string;
  prepared: Prepared;
  /** Columns that had a value: only those may change a person already on file. */
  given: Set<Column>;
  family: { code: string; relationship: Relationship; since: string | null } | null;
}

/** Why the tax code kept by the import disagrees with the register's data: the register is the source. */
export const REGISTER_MISMATCH_REASON = 'Dati dell’anagrafe (importazione)';

/** gg/mm/aaaa with 00 for an unknown day or month, mm/aaaa, aaaa, or aaaa-mm-gg. */
export function parsePartialDate(raw: string): { year: number; month?: number; day?: number } | undefined {
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(raw);
  if (m) {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (mo === 0) return d === 0 ? { year: y } : undefined;
    if (mo > 12) return undefined;
    return d === 0 ? { year: y, month: mo } : { year: y, month: mo, day: d };
  }
  m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (m) return parsePartialDate(`${m[3]}/${m[2]}/${m[1]}`);
  m = /^(\d{1,2})[/.-](\d{4})$/.exec(raw);
  if (m) return Number(m[1]) >= 1 && Number(m[1]) <= 12 ? { year: Number(m[2]), month: Number(m[1]) } : undefined;
  m = /^(\d{4})$/.exec(raw);
  return m ? { year: Number(m[1]) } : undefined;
}

/** A full calendar date as YYYY-MM-DD, or undefined. */
function fullDate(raw: string): string | undefined {
  const d = parsePartialDate(raw);
  if (!d?.month || !d.day) return undefined;
  const iso = `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
  const back = new Date(`${iso}T00:00:00Z`);
  return back.getUTCMonth() + 1 === d.month && back.getUTCDate() === d.day ? iso : undefined;
}

/** preparePerson's field names → the register's columns, so errors name what the clerk sees. */
const FIELD_COLUMN: Record<string, Column> = {
  givenNames: 'nome',
  familyNames: 'cognome',
  taxCode: 'codice_fiscale',
  birthDate: 'data_nascita',
  birthplaceCode: 'codice_comune_nascita',
  'address.street': 'indirizzo',
  'address.municipalityCode': 'codice_comune',
};
const MAX_LENGTH: Partial<Record<Column, number>> = { cognome: 200, nome: 200, indirizzo: 200, civico: 20, cap: 10 };

/**
 * Checks one row with the same rules as the application (preparePerson) plus the register's own
 * (a tax code is required, known relationship codes), and turns it into what the import writes.
 */
export function readRow(row: CsvRow, today: Date): { row: ImportRow; mismatches: Mismatch[] } | { errors: RowError[] } {
  const v = (c: Column) => row.values[c]?.trim() ?? '';
  const errors: RowError[] = [];
  const fail = (field: RowError['field'], code: string) => errors.push({ line: row.line, field, code });
  if (row.ragged) fail('riga', 'columnCount');
  if (!v('codice_fiscale')) fail('codice_fiscale', 'required');
  for (const [c, max] of Object.entries(MAX_LENGTH) as [Column, number][]) if (v(c).length > max) fail(c, 'tooLong');

  const sexRaw = v('sesso').toUpperCase();
  const sex =
    sexRaw === ''
      ? null
      : sexRaw === 'M' || sexRaw === 'MASCHIO'
        ? 'M'
        : sexRaw === 'F' || sexRaw === 'FEMMINA'
          ? 'F'
          : undefined;
  if (sex === undefined) fail('sesso', 'sexInvalid');
  const birth = v('data_nascita') ? parsePartialDate(v('data_nascita')) : null;
  if (birth === undefined) fail('data_nascita', 'dateFormat');
  const citizenships = v('cittadinanza')
    ? v('cittadinanza')
        .split('|')
        .map((c) => c.trim().toUpperCase())
    : [];
  if (citizenships.some((c) => !/^[A-Z]{2}$/.test(c)) || citizenships.length > 5)
    fail('cittadinanza', 'citizenshipInvalid');

  let family: ImportRow['family'] = null;
  if (v('codice_famiglia')) {
    const relationship = v('relazione_parentela') ? relationshipOf(v('relazione_parentela')) : undefined;
    if (!v('relazione_parentela')) fail('relazione_parentela', 'required');
    else if (!relationship) fail('relazione_parentela', 'relationshipUnknown');
    const since = v('data_iscrizione') ? fullDate(v('data_iscrizione')) : null;
    if (since === undefined) fail('data_iscrizione', 'dateFormat');
    if (relationship && since !== undefined) family = { code: v('codice_famiglia'), relationship, since };
  }

  const input: PersonInput = {
    givenNames: v('nome'),
    familyNames: v('cognome'),
    sex: sex ?? null,
    birthDate: birth ?? null,
    birthplaceCode: v('codice_comune_nascita') || null,
    citizenships,
    taxCode: v('codice_fiscale') || null,
    taxCodeMismatchReason: REGISTER_MISMATCH_REASON,
    address: v('indirizzo')
      ? {
          kind: 'residence',
          street: v('indirizzo'),
          houseNumber: v('civico') || null,
          postcode: v('cap') || null,
          municipalityCode: v('codice_comune') || null,
        }
      : null,
  };
  const prepared = preparePerson(input, today);
  for (const e of prepared.errors) {
    const field = FIELD_COLUMN[e.field];
    // A date we could not read is already reported; preparePerson would only repeat it.
    if (field && !errors.some((x) => x.field === field)) fail(field, e.code);
  }
  if (errors.length || !prepared.columns.tax_code) return { errors };
  const given = new Set((Object.keys(row.values) as Column[]).filter((c) => v(c) !== ''));
  return {
    row: { line: row.line, taxCode: prepared.columns.tax_code, prepared, given, family },
    mismatches: prepared.mismatches,
  };
}
