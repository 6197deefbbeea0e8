import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Columns written from a person's data (everything but ids, derived search key and bookkeeping). */
export interface PersonColumns {
  given_names: string;
  family_names: string;
  sex: 'F' | 'M' | null;
  birth_year: number | null;
  birth_month: number | null;
  birth_day: number | null;
  birthplace_code: string | null;
  birthplace_name: string | null;
  citizenships: string[];
  tax_code: string | null;
  tax_code_mismatch_reason: string | null;
  languages: string[];
  interpreter_needed: boolean;
  phone: string | null;
  email: string | null;
  contact_preference: string;
  address_kind: string;
  street: string | null;
  house_number: string | null;
  postcode: string | null;
  municipality_code: string | null;
  municipality_name: string | null;
  neighbourhood_id: string | null;
  office_id: string | null;
  confidential: boolean;
}

export interface IdentifierRow {
  id: string;
  kind: string;
  value: string;
  issuer: string | null;
  valid_until: string | null;
}

export async function insertPerson(db: Executor, tenantId: string, id: string, at: Date, p: PersonColumns) {
  await db
    .insertInto('person')
    .values({ id, tenant_id: tenantId, ...p, created_at: at, updated_at: at })
    .execute();
}

/** Optimistic concurrency: the update applies only if nobody changed the row since `version`. */
export async function updatePerson(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  at: Date,
  p: PersonColumns,
) {
  return db
    .updateTable('person')
    .set({ ...p, version: version + 1, updated_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .where('merged_into', 'is', null)
    .returning('version')
    .executeTakeFirst();
}

export async function findPersonRow(db: Executor, tenantId: string, id: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('neighbourhood as n', 'n.id', 'p.neighbourhood_id')
    .leftJoin('office as o', 'o.id', 'p.office_id')
    .selectAll('p')
    .select(['n.name as neighbourhood_name', 'o.name as office_name'])
    .where('p.tenant_id', '=', tenantId)
    .where('p.id', '=', id)
    .executeTakeFirst();
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonRow>>>;

export async function listIdentifiers(db: Executor, tenantId: string, personId: string): Promise<IdentifierRow[]> {
  return db
    .selectFrom('person_identifier')
    .select(['id', 'kind', 'value', 'issuer', 'valid_until'])
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .orderBy('kind')
    .execute();
}

export async function replaceIdentifiers(
  db: Executor,
  tenantId: string,
  personId: string,
  rows: (Omit<IdentifierRow, 'id'> & { id: string })[],
) {
  await db
    .deleteFrom('person_identifier')
    .where('tenant_id', '=', tenantId)
    .where('person_id', '=', personId)
    .execute();
  if (rows.length === 0) return;
  await db
    .insertInto('person_identifier')
    .values(rows.map((r) => ({ ...r, tenant_id: tenantId, person_id: personId })))
    .execute();
}

export async function findByTaxCode(db: Executor, tenantId: string, taxCode: string) {
  return db
    .selectFrom('person')
    .select(['id'])
    .where('tenant_id', '=', tenantId)
    .where('tax_code', '=', taxCode)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
}

/** The neighbourhood (and so the competent office) of an address, from the street mapping. */
export async function findStreetArea(
  db: Executor,
  tenantId: string,
  municipalityCode: string,
  street: string,
  houseNumber: number | null,
) {
  return (
    db
      .selectFrom('street_area as s')
      .innerJoin('neighbourhood as n', 'n.id', 's.neighbourhood_id')
      .select(['n.id as neighbourhood_id', 'n.office_id'])
      .where('s.tenant_id', '=', tenantId)
      .where('s.municipality_code', '=', municipalityCode)
      .where('s.street_key', '=', sql<string>`f_name_key(${street})`)
      .where((eb) =>
        houseNumber === null
          ? eb('s.number_from', 'is', null)
          : eb.or([
              eb('s.number_from', 'is', null),
              eb.and([
                eb('s.number_from', '<=', houseNumber),
                eb('s.number_to', '>=', houseNumber),
                eb.or([eb('s.parity', '=', 'all'), eb('s.parity', '=', houseNumber % 2 === 0 ? 'even' : 'odd')]),
              ]),
            ]),
      )
      // A ranged rule beats the whole-street default.
      .orderBy(sql`s.number_from IS NULL`)
      .limit(1)
      .executeTakeFirst()
  );
}

export interface SearchHit {
  id: string;
  given_names: string;
  family_names: string;
  birth_year: number | null;
  neighbourhood_name: string | null;
  confidential: boolean;
  score: number;
}

function hits(db: Executor, tenantId: string) {
  return db
    .selectFrom('person as p')
    .leftJoin('neighbourhood as n', 'n.id', 'p.neighbourhood_id')
    .select([
      'p.id',
      'p.given_names',
      'p.family_names',
      'p.birth_year',
      'n.name as neighbourhood_name',
      'p.confidential',
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.merged_into', 'is', null);
}

export async function searchByTaxCode(
  db: Executor,
  tenantId: string,
  code: string,
  limit: number,
): Promise<SearchHit[]> {
  return hits(db, tenantId).select(sql<number>`1`.as('score')).where('p.tax_code', '=', code).limit(limit).execute();
}

export async function searchByPhone(
  db: Executor,
  tenantId: string,
  phone: string,
  limit: number,
): Promise<SearchHit[]> {
  return hits(db, tenantId).select(sql<number>`1`.as('score')).where('p.phone', '=', phone).limit(limit).execute();
}

export async function searchByBirthDate(
  db: Executor,
  tenantId: string,
  d: { year: number; month: number; day: number },
  limit: number,
): Promise<SearchHit[]> {
  return hits(db, tenantId)
    .select(sql<number>`1`.as('score'))
    .where('p.birth_year', '=', d.year)
    .where('p.birth_month', '=', d.month)
    .where('p.birth_day', '=', d.day)
    .orderBy('p.family_names')
    .limit(limit)
    .execute();
}

/**
 * Accent- and typo-tolerant name search: trigram similarity on the normalised "family given" key
 * (GIN index), so "Rosi Mario", "rossi", "D'Angelo" and "dangelo" find their people. Words are
 * matched in any order through word_similarity of each word.
 */
/** At most this many words of a typed name are tried as family/given splits (longer input is cut). */
const MAX_NAME_WORDS = 5;
/** Likely duplicates proposed at most. */
const DUPLICATE_LIMIT = 20;

/**
 * Accent- and typo-tolerant name search that stays fast with a million people (issue 3). The typed
 * words are split into a family part and a given part every possible way, both ways round ("Rossi
 * Mario", "Mario Rossi"); person_name_matches() (migration 0005) matches each part against its own
 * trigram index, also tries the whole text as a family name, and returns the best ids with their score.
 * The rows themselves are then read here, under row-level security as always.
 */
export async function searchByName(
  db: Executor,
  tenantId: string,
  text: string,
  birthYear: number | null,
  limit: number,
): Promise<SearchHit[]> {
  const words = text.trim().split(/\s+/).filter(Boolean).slice(0, MAX_NAME_WORDS);
  if (words.length === 0) return [];
  const heads = words.slice(1).map((_, at) => words.slice(0, at + 1).join(' '));
  const tails = words.slice(1).map((_, at) => words.slice(at + 1).join(' '));
  const matches = sql<{
    id: string;
    score: number;
  }>`person_name_matches(${words.join(' ')}, ${heads}::text[], ${tails}::text[], ${birthYear}::integer, ${limit}::integer)`;
  return hits(db, tenantId)
    .innerJoin(matches.as('m'), (join) => join.onRef('m.id', '=', 'p.id'))
    .select('m.score')
    .orderBy('m.score', 'desc')
    .orderBy('p.family_names')
    .execute();
}

export interface DuplicateCandidateRow {
  id: string;
  given_names: string;
  family_names: string;
  birth_year: number | null;
  birth_month: number | null;
  birth_day: number | null;
  tax_code: string | null;
  phone: string | null;
  name_similarity: number;
  same_document: boolean | 0 | 1;
}

/**
 * People who might be the one described: similar name (family and given names matched each against its
 * own index, either way round, as the name search does), same tax code, same phone or same document.
 * The candidates' ids are gathered first from indexes, then their rows are read under row-level security.
 */
export async function findDuplicateCandidates(
  db: Executor,
  tenantId: string,
  probe: {
    familyNames: string;
    givenNames: string;
    taxCode: string | null;
    phone: string | null;
    documents: string[];
    excludeId: string | null;
  },
): Promise<DuplicateCandidateRow[]> {
  const whole = `${probe.familyNames} ${probe.givenNames}`;
  const ids = [
    sql`SELECT m.id FROM person_name_matches(${whole}, ARRAY[${probe.familyNames}]::text[], ARRAY[${probe.givenNames}]::text[], NULL, ${DUPLICATE_LIMIT}::integer) m`,
    ...(probe.taxCode ? [sql`SELECT id FROM person WHERE tax_code = ${probe.taxCode}`] : []),
    ...(probe.phone ? [sql`SELECT id FROM person WHERE phone = ${probe.phone}`] : []),
    ...(probe.documents.length
      ? [sql`SELECT person_id FROM person_identifier WHERE value = ANY(${probe.documents}::text[])`]
      : []),
  ];
  return db
    .selectFrom('person as p')
    .select([
      'p.id',
      'p.given_names',
      'p.family_names',
      'p.birth_year',
      'p.birth_month',
      'p.birth_day',
      'p.tax_code',
      'p.phone',
      sql<number>`similarity(p.name_key, f_name_key(${whole}))`.as('name_similarity'),
      (eb) =>
        probe.documents.length
          ? eb
              .exists(
                eb
                  .selectFrom('person_identifier as d')
                  .select('d.id')
                  .whereRef('d.person_id', '=', 'p.id')
                  .where('d.value', 'in', probe.documents),
              )
              .as('same_document')
          : sql<boolean>`false`.as('same_document'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('p.merged_into', 'is', null)
    .where((eb) => (probe.excludeId ? eb('p.id', '!=', probe.excludeId) : eb.val(true)))
    .where(sql<boolean>`p.id IN (${sql.join(ids, sql` UNION `)})`)
    .orderBy('name_similarity', 'desc')
    .limit(DUPLICATE_LIMIT)
    .execute();
}

export async function isNotDuplicatePair(db: Executor, a: string, b: string): Promise<boolean> {
  const [x, y] = a < b ? [a, b] : [b, a];
  const row = await db
    .selectFrom('not_duplicate')
    .select('person_a')
    .where('person_a', '=', x)
    .where('person_b', '=', y)
    .executeTakeFirst();
  return row !== undefined;
}

export async function listNotDuplicateOf(db: Executor, id: string): Promise<string[]> {
  const rows = await db
    .selectFrom('not_duplicate')
    .select(['person_a', 'person_b'])
    .where((eb) => eb.or([eb('person_a', '=', id), eb('person_b', '=', id)]))
    .execute();
  return rows.map((r) => (r.person_a === id ? r.person_b : r.person_a));
}

export async function isAssigned(db: Executor, personId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person_assignment')
    .select('user_id')
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function assign(db: Executor, tenantId: string, personId: string, userId: string) {
  await db
    .insertInto('person_assignment')
    .values({ tenant_id: tenantId, person_id: personId, user_id: userId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function findOpenConfidentialAccess(db: Executor, personId: string, userId: string, now: Date) {
  return db
    .selectFrom('confidential_access')
    .select(['id', 'expires_at'])
    .where('person_id', '=', personId)
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function insertConfidentialAccess(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    personId: string;
    userId: string;
    reason: string;
    openedAt: Date;
    expiresAt: Date;
  },
) {
  await db
    .insertInto('confidential_access')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      person_id: row.personId,
      user_id: row.userId,
      reason: row.reason,
      opened_at: row.openedAt,
      expires_at: row.expiresAt,
    })
    .execute();
}
