-- Name search at scale (issue 3).
--
-- 1. One trigram index on the whole "family given" key cannot serve a million people: common given
--    names (Mario, Maria…) share trigrams with tens of thousands of rows. The family and the given
--    names get their own normalised keys (stored, so rechecking a candidate costs no recomputation)
--    and their own trigram indexes; a search matches each part against its own index and intersects.
-- 2. Row-level security hides every index behind a non-leakproof operator: under the policy the planner
--    must check tenant_id before it may evaluate `%`, so it reads the whole table (seconds at a million
--    rows). person_name_matches() therefore runs as the table owner, applies the tenant condition
--    itself — from the same app.tenant_id setting the policy reads — and returns only ids; the caller
--    reads the rows themselves under the policy as usual.
ALTER TABLE person
  ADD COLUMN family_key text GENERATED ALWAYS AS (f_name_key(family_names)) STORED,
  ADD COLUMN given_key text GENERATED ALWAYS AS (f_name_key(given_names)) STORED;
COMMENT ON COLUMN person.family_key IS 'Personal data: the family names normalised for search (derived).';
COMMENT ON COLUMN person.given_key IS 'Personal data: the given names normalised for search (derived).';
CREATE INDEX person_family_key_trgm ON person USING gin (family_key gin_trgm_ops);
CREATE INDEX person_given_key_trgm ON person USING gin (given_key gin_trgm_ops);
CREATE INDEX person_family_key ON person (tenant_id, family_key);

-- The current tenant's persons whose name matches, best first (similarity of the whole name), at most
-- `lim`, optionally born in `birth_year`. A name matches when any split of the typed words into a family
-- part and a given part, either way round (heads[i] + tails[i]), matches, or the whole text matches as a
-- family name. A part matches by trigram similarity >= 0.4: a dropped or doubled letter, a missing
-- accent or apostrophe, one of two names ("Maria" for "Maria Grazia", "Amrani" for "El Amrani"). (Word
-- similarity operators would find more partial names but double the index work; measured.) The whole
-- text is matched the same tolerant way when it is one word or holds a particle of up to three letters
-- ("El Amrani", "De Luca"); otherwise only exactly (a double surname typed alone, "Garcia Lopez"):
-- tolerating typos there would let "Rossi Mario" pull in every Rossi. Merged records are excluded.
CREATE FUNCTION person_name_matches(whole text, heads text[], tails text[], birth_year integer, lim integer)
  RETURNS TABLE (id uuid, score real)
  LANGUAGE sql STABLE SECURITY DEFINER
  SET search_path = public, pg_temp
  SET pg_trgm.similarity_threshold = 0.4
AS $$
  WITH tenant AS (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS id),
  whole_name AS (
    SELECT f_name_key(whole) AS key,
           f_name_key(whole) !~ ' ' OR f_name_key(whole) ~ '(^| )[^ ]{1,3}( |$)' AS tolerant
  ),
  parts AS (
    SELECT f_name_key(h) AS family, f_name_key(t) AS given FROM unnest(heads, tails) AS s(h, t)
    UNION ALL
    SELECT f_name_key(t), f_name_key(h) FROM unnest(heads, tails) AS s(h, t)
  ),
  matches AS (
    SELECT p.id, p.name_key, p.birth_year FROM person p, tenant, whole_name w
     WHERE p.tenant_id = tenant.id AND p.merged_into IS NULL AND p.family_key = w.key
    UNION
    SELECT p.id, p.name_key, p.birth_year FROM person p, tenant, whole_name w
     WHERE w.tolerant AND p.tenant_id = tenant.id AND p.merged_into IS NULL
       AND p.family_key % w.key
    UNION
    SELECT m.id, m.name_key, m.birth_year FROM parts CROSS JOIN LATERAL (
      SELECT p.id, p.name_key, p.birth_year FROM person p, tenant
       WHERE p.tenant_id = tenant.id AND p.merged_into IS NULL
         AND p.family_key % parts.family AND p.given_key % parts.given
    ) m
  )
  SELECT m.id, similarity(m.name_key, w.key) AS score
    FROM matches m, whole_name w
   WHERE person_name_matches.birth_year IS NULL OR m.birth_year = person_name_matches.birth_year
   ORDER BY score DESC, m.id
   LIMIT lim
$$;
REVOKE ALL ON FUNCTION person_name_matches(text, text[], text[], integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION person_name_matches(text, text[], text[], integer, integer) TO segretariato_app;
