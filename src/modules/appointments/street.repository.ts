import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface StreetMatch {
  street_name: string;
  neighbourhood: string;
  office_id: string;
  demo: boolean;
  score: number;
}

/**
 * Streets of the tenant's mapping that look like what the resident typed: accents, case and apostrophes
 * ignored (f_name_key), matched by trigrams (the typed words may be part of the name: "iseo" → "via iseo").
 * A house number keeps only the ranges (and odd/even side) it falls in.
 */
export async function matchStreet(
  db: Executor,
  tenantId: string,
  typed: string,
  houseNumber: number | null,
): Promise<StreetMatch[]> {
  const q = sql<string>`f_name_key(${typed})`;
  const score = sql<number>`greatest(similarity(s.street_key, ${q}), word_similarity(${q}, s.street_key))`;
  let query = db
    .selectFrom('street_area as s')
    .innerJoin('neighbourhood as n', (j) =>
      j.onRef('n.id', '=', 's.neighbourhood_id').onRef('n.tenant_id', '=', 's.tenant_id'),
    )
    .select(['s.street_name', 'n.name as neighbourhood', 'n.office_id', 's.demo', score.as('score')])
    .where('s.tenant_id', '=', tenantId)
    .where(sql<boolean>`(s.street_key % ${q} OR ${q} <% s.street_key)`);
  if (houseNumber !== null) {
    const parity = houseNumber % 2 === 0 ? 'even' : 'odd';
    query = query
      .where((eb) => eb.or([eb('s.number_from', 'is', null), eb('s.number_from', '<=', houseNumber)]))
      .where((eb) => eb.or([eb('s.number_to', 'is', null), eb('s.number_to', '>=', houseNumber)]))
      .where('s.parity', 'in', ['all', parity]);
  }
  return query.orderBy('score', 'desc').orderBy('s.street_name').limit(5).execute();
}

/** The street keys a tenant already maps (to seed demo streets without duplicates). */
export async function mappedStreetKeys(db: Executor, tenantId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('street_area').select('street_key').where('tenant_id', '=', tenantId).execute();
  return new Set(rows.map((r) => r.street_key));
}
