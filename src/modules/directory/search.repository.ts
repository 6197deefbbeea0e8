import { type RawBuilder, sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Lower case, no accents, apostrophes and punctuation as spaces: "L'affìtto" → "l affitto". */
export function normalise(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A crude Italian stem for matching residents' phrases: "bollette"/"bolletta" → "bollett". */
const stem = (w: string) => (w.length >= 5 ? w.replace(/[aeiou]+$/, '') : w);
const stemmed = (text: string) => ` ${text.split(' ').filter(Boolean).map(stem).join(' ')} `;

export interface SearchFilters {
  needArea?: string; // need-area code; its child areas count too
  targetGroup?: string;
  officeId?: string;
  neighbourhoodId?: string;
  organizationId?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  modifiedAfter?: Date;
  free?: boolean;
  language?: string; // ISO 639 code of a language the service is offered in
  activeOnly?: boolean;
  /** Open at this moment (Rome): a weekly schedule of the service, or of a location it is offered at. */
  openAt?: { day: 'MO' | 'TU' | 'WE' | 'TH' | 'FR' | 'SA' | 'SU'; time: string };
}

/**
 * The words a search looks for: the query's words, the catalogue words a colloquial phrase of the
 * synonym table stands for (bollette → utenze), and for a word the catalogue does not hold, its nearest
 * catalogue words by trigram similarity (afitto → affitto).
 */
export async function expandQuery(trx: Executor, q: string): Promise<string[]> {
  const text = ` ${normalise(q)} `;
  const words = text.split(' ').filter((w) => w.length >= 2);
  const stems = stemmed(text);
  if (words.length === 0) return [];
  const synonyms = await trx.selectFrom('directory_synonym').select(['phrase', 'expansion']).execute();
  const terms = new Set(words);
  for (const s of synonyms) {
    const phrase = normalise(s.phrase);
    if (phrase && stems.includes(stemmed(phrase)))
      for (const w of normalise(s.expansion).split(' ')) if (w) terms.add(w);
  }
  const long = words.filter((w) => w.length >= 4);
  if (long.length) {
    const near = await sql<{ word: string; near: string | null }>`
      SELECT q.word, n.word AS near FROM unnest(${long}::text[]) AS q(word)
      LEFT JOIN LATERAL (
        SELECT d.word FROM directory_word d
         WHERE d.word % q.word AND NOT EXISTS (SELECT 1 FROM directory_word e WHERE e.word = q.word)
         ORDER BY similarity(d.word, q.word) DESC LIMIT 2) n ON true`.execute(trx);
    for (const r of near.rows) if (r.near) terms.add(r.near);
  }
  return [...terms].slice(0, 40);
}

/** An OR query of the words (prefix match for longer ones), Italian stemming, and English for translations. */
export function tsQuery(terms: string[]): RawBuilder<unknown> {
  const text = terms.map((t) => (t.length >= 5 ? `${t}:*` : t)).join(' | ');
  return sql`(to_tsquery('italian', ${text}) || to_tsquery('english', ${text}))`;
}

function filterSql(f: SearchFilters): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (f.activeOnly) where.push(sql`coalesce(s.data->>'status', 'active') NOT IN ('inactive', 'defunct')`);
  if (f.needArea)
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_need_area l WHERE l.service_id = s.id
      AND (l.need_area_code = ${f.needArea} OR l.need_area_code IN (
        SELECT na.code FROM need_area na WHERE na.parent_code = ${f.needArea})))`);
  if (f.targetGroup)
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_target_group g WHERE g.service_id = s.id
      AND g.target_group IN (${f.targetGroup}, 'everyone'))`);
  if (f.officeId)
    where.push(
      sql`EXISTS (SELECT 1 FROM directory_service_office o WHERE o.service_id = s.id AND o.office_id = ${f.officeId})`,
    );
  if (f.neighbourhoodId)
    where.push(sql`EXISTS (SELECT 1 FROM directory_service_office o JOIN neighbourhood n ON n.office_id = o.office_id
      WHERE o.service_id = s.id AND n.id = ${f.neighbourhoodId})`);
  if (f.organizationId) where.push(sql`s.organization_id = ${f.organizationId}`);
  if (f.taxonomyTermId)
    where.push(
      sql`EXISTS (SELECT 1 FROM hsds_attribute a WHERE a.link_id = s.id AND a.taxonomy_term_id = ${f.taxonomyTermId})`,
    );
  if (f.taxonomyId)
    where.push(sql`EXISTS (SELECT 1 FROM hsds_attribute a JOIN hsds_taxonomy_term t ON t.id = a.taxonomy_term_id
      WHERE a.link_id = s.id AND t.taxonomy_id = ${f.taxonomyId})`);
  if (f.modifiedAfter) where.push(sql`s.modified_at >= ${f.modifiedAfter}`);
  if (f.free)
    where.push(sql`NOT EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.service_id = s.id AND (c.data->>'amount')::numeric > 0)
      AND (EXISTS (SELECT 1 FROM hsds_cost_option c WHERE c.service_id = s.id AND (c.data->>'amount')::numeric = 0)
        OR s.data->>'fees_description' ~* '(gratuit|gratis|free|nessun costo)')`);
  if (f.language)
    where.push(
      sql`EXISTS (SELECT 1 FROM hsds_language l WHERE l.service_id = s.id AND lower(l.data->>'code') = ${f.language.toLowerCase()})`,
    );
  if (f.openAt)
    where.push(sql`EXISTS (SELECT 1 FROM hsds_schedule sc
      WHERE (sc.service_id = s.id OR sc.location_id IN (
          SELECT sal.location_id FROM hsds_service_at_location sal WHERE sal.service_id = s.id))
        AND (',' || upper(replace(coalesce(sc.data->>'byday', ''), ' ', '')) || ',') LIKE ${`%,${f.openAt.day},%`}
        AND sc.data->>'opens_at' <= ${f.openAt.time} AND sc.data->>'closes_at' > ${f.openAt.time})`);
  return where;
}

export interface SearchPage {
  ids: string[];
  total: number;
}

/**
 * Services matching a search and filters, best first: full-text rank (name counts most, then
 * description, need areas and taxonomy terms), then name. Without words: by name.
 */
export async function searchServiceIds(
  trx: Executor,
  terms: string[],
  filters: SearchFilters,
  page: { offset: number; limit: number },
): Promise<SearchPage> {
  const where = filterSql(filters);
  const query = terms.length ? tsQuery(terms) : undefined;
  if (query) where.push(sql`s.search_document @@ q.query`);
  const cond = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const from = query ? sql`hsds_service s CROSS JOIN (SELECT ${query} AS query) q` : sql`hsds_service s`;
  const order = query
    ? sql`ts_rank(s.search_document, q.query, 1) DESC, s.data->>'name', s.id`
    : sql`s.data->>'name', s.id`;
  const rows = await sql<{ id: string; total: string }>`
    SELECT s.id, count(*) OVER () AS total FROM ${from} ${cond}
    ORDER BY ${order} OFFSET ${page.offset} LIMIT ${page.limit}`.execute(trx);
  let total = Number(rows.rows[0]?.total ?? 0);
  if (rows.rows.length === 0 && page.offset > 0) {
    const c = await sql<{ n: string }>`SELECT count(*) AS n FROM ${from} ${cond}`.execute(trx);
    total = Number(c.rows[0]?.n ?? 0);
  }
  return { ids: rows.rows.map((r) => r.id), total };
}
