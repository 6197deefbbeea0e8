-- Directory search at scale (issue 5: p95 under 30 ms with 50,000 services).
--
-- Ranking every service that matches an OR query with ts_rank reads every matching row: at 50,000
-- services a common word matches tens of thousands of them (half a second and more). Search now reads
-- postings instead: one row per (service, lexeme of its search document) holding that lexeme's share
-- of ts_rank(search_document, query, 1) — ts_rank of an OR query is the sum of its words' shares
-- (divided by the number of query words, the same for every service), so summing the postings of a
-- query's lexemes ranks services exactly as ts_rank did. An index in (lexeme, score) order gives each
-- lexeme's best services without reading the others; a search takes at most k per lexeme.
--
-- 1. directory_posting: the postings, rewritten by directory_refresh_search() with the document.
-- 2. directory_lexeme: the tenant's lexemes, for expanding a prefix (affitt:* → affitt, affittu…).
-- 3. directory_near_words(): typo tolerance through the trigram index. Row-level security keeps a
--    non-leakproof operator such as `%` from running before the tenant check, so under the policy the
--    index was never used (a whole scan of directory_word per query word); the function runs as the
--    owner and applies the tenant condition itself, from the same app.tenant_id setting (see 0005).

CREATE TABLE directory_posting (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  lexeme text COLLATE "C" NOT NULL,
  service_id uuid NOT NULL REFERENCES hsds_service(id) ON DELETE CASCADE,
  score real NOT NULL
);
CREATE UNIQUE INDEX directory_posting_rank ON directory_posting (tenant_id, lexeme, score DESC, service_id);
CREATE INDEX directory_posting_service ON directory_posting (service_id);

CREATE TABLE directory_lexeme (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  lexeme text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, lexeme)
);

-- Each lexeme of a document and its share of ts_rank(doc, query, 1) (PostgreSQL's calc_rank_or with
-- the default weights {D 0.1, C 0.2, B 0.4, A 1.0}, divided by log2(1 + document length)).
CREATE FUNCTION directory_postings(doc tsvector) RETURNS TABLE (lexeme text, score real)
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  WITH entry AS (
    SELECT u.lexeme,
           coalesce(u.weights, ARRAY['D']) AS weights
      FROM unnest(doc) AS u
  ),
  doc_length AS (SELECT sum(cardinality(weights)) AS n FROM entry),
  occurrence AS (
    SELECT e.lexeme, o.j,
           CASE o.w WHEN 'A' THEN 1.0 WHEN 'B' THEN 0.4 WHEN 'C' THEN 0.2 ELSE 0.1 END::float4 AS w
      FROM entry e, unnest(e.weights) WITH ORDINALITY AS o(w, j)
  ),
  per_lexeme AS (
    SELECT lexeme,
           sum(w / (j * j)) AS resj,
           max(w) AS wjm,
           min(j) FILTER (WHERE w = top) AS jm
      FROM (SELECT occurrence.*, max(w) OVER (PARTITION BY lexeme) AS top FROM occurrence) x
     GROUP BY lexeme
  )
  SELECT p.lexeme,
         ((p.wjm + p.resj - p.wjm / (p.jm * p.jm)) / 1.64493406685
           / (ln(d.n + 1) / ln(2)))::real
    FROM per_lexeme p, doc_length d
$$;

-- The search document of one service, as in 0006, now also writing its postings and lexemes.
CREATE OR REPLACE FUNCTION directory_refresh_search(p_service uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  s hsds_service;
  a_it text; b_it text; c_it text; d_it text; en text; doc tsvector; plain text;
BEGIN
  SELECT * INTO s FROM hsds_service WHERE id = p_service;
  IF NOT FOUND THEN RETURN; END IF;
  a_it := concat_ws(' ', s.data->>'name', s.data->>'alternate_name');
  b_it := concat_ws(' ', s.data->>'description',
    (SELECT string_agg(concat_ws(' ', na.label_it, na.label_en), ' ')
       FROM directory_service_need_area l
       JOIN need_area na ON na.code = l.need_area_code AND na.tenant_id = l.tenant_id
      WHERE l.service_id = s.id),
    (SELECT string_agg(t.data->>'name', ' ')
       FROM hsds_attribute at JOIN hsds_taxonomy_term t ON t.id = at.taxonomy_term_id
      WHERE at.link_id = s.id));
  c_it := concat_ws(' ', s.data->>'eligibility_description', s.data->>'application_process',
    (SELECT o.data->>'name' FROM organization o WHERE o.id = s.organization_id));
  d_it := concat_ws(' ', s.data->>'fees_description', s.data->>'interpretation_services',
    (SELECT string_agg(r.data->>'document', ' ') FROM hsds_required_document r WHERE r.service_id = s.id));
  en := concat_ws(' ', s.translations->'en'->>'name', s.translations->'en'->>'description',
    s.translations->'en'->>'eligibility_description');
  doc := setweight(to_tsvector('italian', f_unaccent(a_it)), 'A')
      || setweight(to_tsvector('italian', f_unaccent(coalesce(b_it, ''))), 'B')
      || setweight(to_tsvector('italian', f_unaccent(coalesce(c_it, ''))), 'C')
      || setweight(to_tsvector('italian', f_unaccent(coalesce(d_it, ''))), 'D')
      || setweight(to_tsvector('english', f_unaccent(coalesce(en, ''))), 'C');
  plain := lower(f_unaccent(concat_ws(' ', a_it, b_it, en)));
  UPDATE hsds_service SET search_document = doc, search_text = left(plain, 4000) WHERE id = s.id;
  INSERT INTO directory_word (tenant_id, word)
    SELECT DISTINCT s.tenant_id, w FROM regexp_split_to_table(lower(f_unaccent(concat_ws(' ', a_it, b_it, c_it, en))), '[^a-z0-9]+') w
     WHERE length(w) >= 4
    ON CONFLICT DO NOTHING;
  DELETE FROM directory_posting WHERE service_id = s.id;
  INSERT INTO directory_posting (tenant_id, lexeme, service_id, score)
    SELECT s.tenant_id, p.lexeme, s.id, p.score FROM directory_postings(doc) p;
  INSERT INTO directory_lexeme (tenant_id, lexeme)
    SELECT s.tenant_id, p.lexeme FROM unnest(doc) p ON CONFLICT DO NOTHING;
END $$;

-- The existing services' postings and lexemes.
INSERT INTO directory_posting (tenant_id, lexeme, service_id, score)
  SELECT s.tenant_id, p.lexeme, s.id, p.score FROM hsds_service s, directory_postings(s.search_document) p;
INSERT INTO directory_lexeme (tenant_id, lexeme)
  SELECT DISTINCT s.tenant_id, p.lexeme FROM hsds_service s, unnest(s.search_document) p;

-- For each query word the catalogue does not hold, its `lim` nearest catalogue words of the current
-- tenant by trigram similarity (pg_trgm's threshold, 0.3), best first.
CREATE FUNCTION directory_near_words(words text[], lim integer)
  RETURNS TABLE (word text, near text)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
AS $$
  WITH tenant AS (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS id),
  unknown AS MATERIALIZED (
    SELECT q.word, min(q.i) AS i FROM unnest(words) WITH ORDINALITY AS q(word, i), tenant
     WHERE NOT EXISTS (SELECT 1 FROM directory_word e WHERE e.tenant_id = tenant.id AND e.word = q.word)
     GROUP BY q.word
  )
  SELECT u.word, n.word
    FROM unknown u, tenant
   CROSS JOIN LATERAL (
     SELECT d.word, similarity(d.word, u.word) AS sim FROM directory_word d
      WHERE d.tenant_id = tenant.id AND d.word % u.word
      ORDER BY sim DESC, d.word LIMIT lim) n
   ORDER BY u.i, n.sim DESC, n.word
$$;
REVOKE ALL ON FUNCTION directory_near_words(text[], integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION directory_near_words(text[], integer) TO segretariato_app;

ALTER TABLE directory_posting ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_lexeme ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON directory_posting USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_lexeme USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
GRANT SELECT, INSERT, DELETE ON directory_posting, directory_lexeme TO segretariato_app;
