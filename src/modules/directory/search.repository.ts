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
    // Through a function: under row-level security the trigram index could not be used (migration 0012).
    const near = await sql<{ word: string; near: string | null }>`
      SELECT word, near FROM directory_near_words(${long}::text[], 2)`.execute(trx);
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
  /** Matching services; an estimate when `capped`. */
  total: number;
  /** Only the best-ranked candidates were considered, and `total` is estimated from them. */
  capped: boolean;
}

/** Postings read per query lexeme at first: a search reads at most this many services per word. */
export const CANDIDATES_PER_LEXEME = 200;

interface Slice {
  ids: string[];
  /** Candidates (services with a posting among the best k of some query lexeme). */
  candidates: number;
  /** Candidates read from hsds_service, best first, and how many of them passed the filters. */
  read: number;
  passed: number;
  /** Some lexeme had more than k postings. */
  truncated: boolean;
}

/**
 * Services matching a search and filters, best first: full-text rank (name counts most, then
 * description, need areas and taxonomy terms), then name. Without words: by name.
 *
 * With words, the rank is read from the postings (migration 0012): for each lexeme of the query (a
 * prefix expanded through directory_lexeme) its best `k` services by their share of ts_rank, summed per
 * service: exactly ts_rank's order when no lexeme has more than `k` services, else the services that
 * rank best on at least one word. Only the best `window` candidates are read and filtered; `k` and
 * `window` grow (×4) while the filters leave fewer services than the page needs and something was left
 * out. The total is exact when nothing was left out, else estimated (candidates × share that passed).
 */
export async function searchServiceIds(
  trx: Executor,
  terms: string[],
  filters: SearchFilters,
  page: { offset: number; limit: number },
): Promise<SearchPage> {
  const where = filterSql(filters);
  if (!terms.length) return byName(trx, where, page);
  const query = tsQuery(terms);
  const need = page.offset + page.limit;
  let k = Math.max(CANDIDATES_PER_LEXEME, need);
  let window = 2 * need + 40;
  for (;;) {
    const s = await slice(trx, query, where, k, window, page);
    const complete = s.read >= s.candidates;
    if (s.passed < need && !complete) window *= 4;
    else if (s.passed < need && s.truncated) k *= 4;
    else {
      const total = complete ? s.passed : Math.round((s.candidates * s.passed) / Math.max(1, s.read));
      return { ids: s.ids, total, capped: s.truncated || !complete };
    }
  }
}

async function slice(
  trx: Executor,
  query: RawBuilder<unknown>,
  where: RawBuilder<unknown>[],
  k: number,
  window: number,
  page: { offset: number; limit: number },
): Promise<Slice> {
  const cond = where.length ? sql`AND ${sql.join(where, sql` AND `)}` : sql``;
  // The query's distinct operands, as ts_rank counts them ('affitt':* | 'cas' → affitt prefix, cas);
  // each expanded to the catalogue's lexemes; each lexeme's best k + 1 postings (one more tells whether
  // some were left out, and is harmless in the sums); summed per service, a lexeme reached by two
  // operands counting twice.
  const rows = await sql<{ id: string | null; candidates: string; read: string; passed: string; truncated: boolean }>`
    WITH operand AS MATERIALIZED (
      SELECT word, prefix, CASE WHEN prefix THEN word || U&'\\+10FFFF' ELSE word END AS upto
        FROM (SELECT replace(m[1], '''''', '''') AS word, bool_or(m[2] IS NOT NULL) AS prefix
                FROM regexp_matches((${query})::text, '''((?:[^'']|'''')*)''(:\\*)?', 'g') AS m
               GROUP BY 1) o
    ),
    lexeme AS (
      SELECT d.lexeme, count(*) AS times FROM operand o JOIN directory_lexeme d
          ON d.lexeme >= o.word AND d.lexeme <= o.upto
         AND (d.lexeme = o.word OR (o.prefix AND starts_with(d.lexeme, o.word)))
       GROUP BY d.lexeme
    ),
    posting AS MATERIALIZED (
      SELECT l.lexeme, p.service_id, p.score * l.times AS score
        FROM lexeme l CROSS JOIN LATERAL (
          SELECT p.service_id, p.score FROM directory_posting p
           WHERE p.lexeme = l.lexeme ORDER BY p.score DESC, p.service_id LIMIT ${k + 1}) p
    ),
    candidate AS MATERIALIZED (
      SELECT service_id, sum(score) AS score FROM posting GROUP BY service_id
    ),
    best AS (
      SELECT service_id, score FROM candidate ORDER BY score DESC, service_id LIMIT ${window}
    ),
    matched AS MATERIALIZED (
      SELECT s.id, b.score, s.data->>'name' AS name
        FROM best b JOIN hsds_service s ON s.id = b.service_id ${cond}
    ),
    summary AS (
      SELECT (SELECT count(*) FROM candidate) AS candidates,
             (SELECT count(*) FROM best) AS read,
             (SELECT count(*) FROM matched) AS passed,
             EXISTS (SELECT 1 FROM posting GROUP BY lexeme HAVING count(*) > ${k}) AS truncated
    )
    SELECT p.id, summary.* FROM summary LEFT JOIN LATERAL (
      SELECT m.id FROM matched m ORDER BY m.score DESC, m.name, m.id OFFSET ${page.offset} LIMIT ${page.limit}
    ) p ON true`.execute(trx);
  const first = rows.rows[0];
  return {
    ids: rows.rows.flatMap((r) => (r.id ? [r.id] : [])),
    candidates: Number(first?.candidates ?? 0),
    read: Number(first?.read ?? 0),
    passed: Number(first?.passed ?? 0),
    truncated: first?.truncated ?? false,
  };
}

async function byName(
  trx: Executor,
  where: RawBuilder<unknown>[],
  page: { offset: number; limit: number },
): Promise<SearchPage> {
  const cond = where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``;
  const rows = await sql<{ id: string; total: string }>`
    SELECT s.id, count(*) OVER () AS total FROM hsds_service s ${cond}
    ORDER BY s.data->>'name', s.id OFFSET ${page.offset} LIMIT ${page.limit}`.execute(trx);
  let total = Number(rows.rows[0]?.total ?? 0);
  if (rows.rows.length === 0 && page.offset > 0) {
    const c = await sql<{ n: string }>`SELECT count(*) AS n FROM hsds_service s ${cond}`.execute(trx);
    total = Number(c.rows[0]?.n ?? 0);
  }
  return { ids: rows.rows.map((r) => r.id), total, capped: false };
}
