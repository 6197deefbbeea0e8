-- f_name_key is used by a stored generated column and may be used in index expressions; both can be
-- evaluated with a restricted search_path (CREATE INDEX, restore, autovacuum's ANALYZE), so every call
-- inside it must name its schema.
CREATE OR REPLACE FUNCTION f_name_key(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT regexp_replace(regexp_replace(lower(public.f_unaccent($1)), '[''’`-]', '', 'g'), '\s+', ' ', 'g') $$;
