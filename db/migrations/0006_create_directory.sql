-- The service network directory (issue 5): Open Referral HSDS 3.0 objects, one table per HSDS table.
-- Each row keeps its HSDS links (uuid columns, indexed) and its one-to-one HSDS fields in `data` exactly as
-- the standard names them, so import, export and the /hsds API are lossless. `translations` holds
-- per-field translations ({"en": {"name": "..."}}; Italian, in `data`, is the source). `demo_values` names
-- fields whose value is invented demo data. HSDS links are not foreign keys: a partial import from another
-- catalogue may name a parent it does not carry (the official examples do). `organization` keeps the plain
-- name and a uuid id: other modules (referrals) reference it.

CREATE TABLE organization (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  parent_organization_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX organization_parent_organization_id ON organization (tenant_id, parent_organization_id);

CREATE TABLE hsds_program (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_program_organization_id ON hsds_program (tenant_id, organization_id);

CREATE TABLE hsds_service (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  program_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  version integer NOT NULL DEFAULT 1,
  search_document tsvector NOT NULL DEFAULT ''::tsvector,
  search_text text NOT NULL DEFAULT '',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_service_organization_id ON hsds_service (tenant_id, organization_id);
CREATE INDEX hsds_service_program_id ON hsds_service (tenant_id, program_id);

CREATE TABLE hsds_attribute (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  link_id uuid,
  taxonomy_term_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_attribute_link_id ON hsds_attribute (tenant_id, link_id);
CREATE INDEX hsds_attribute_taxonomy_term_id ON hsds_attribute (tenant_id, taxonomy_term_id);

CREATE TABLE hsds_service_at_location (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_service_at_location_service_id ON hsds_service_at_location (tenant_id, service_id);
CREATE INDEX hsds_service_at_location_location_id ON hsds_service_at_location (tenant_id, location_id);

CREATE TABLE hsds_location (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_location_organization_id ON hsds_location (tenant_id, organization_id);

CREATE TABLE hsds_phone (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  location_id uuid,
  service_id uuid,
  organization_id uuid,
  contact_id uuid,
  service_at_location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_phone_location_id ON hsds_phone (tenant_id, location_id);
CREATE INDEX hsds_phone_service_id ON hsds_phone (tenant_id, service_id);
CREATE INDEX hsds_phone_organization_id ON hsds_phone (tenant_id, organization_id);
CREATE INDEX hsds_phone_contact_id ON hsds_phone (tenant_id, contact_id);
CREATE INDEX hsds_phone_service_at_location_id ON hsds_phone (tenant_id, service_at_location_id);

CREATE TABLE hsds_contact (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  service_id uuid,
  service_at_location_id uuid,
  location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_contact_organization_id ON hsds_contact (tenant_id, organization_id);
CREATE INDEX hsds_contact_service_id ON hsds_contact (tenant_id, service_id);
CREATE INDEX hsds_contact_service_at_location_id ON hsds_contact (tenant_id, service_at_location_id);
CREATE INDEX hsds_contact_location_id ON hsds_contact (tenant_id, location_id);

CREATE TABLE hsds_address (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_address_location_id ON hsds_address (tenant_id, location_id);

CREATE TABLE hsds_schedule (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  location_id uuid,
  service_at_location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_schedule_service_id ON hsds_schedule (tenant_id, service_id);
CREATE INDEX hsds_schedule_location_id ON hsds_schedule (tenant_id, location_id);
CREATE INDEX hsds_schedule_service_at_location_id ON hsds_schedule (tenant_id, service_at_location_id);

CREATE TABLE hsds_funding (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  service_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_funding_organization_id ON hsds_funding (tenant_id, organization_id);
CREATE INDEX hsds_funding_service_id ON hsds_funding (tenant_id, service_id);

CREATE TABLE hsds_service_area (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_service_area_service_id ON hsds_service_area (tenant_id, service_id);

CREATE TABLE hsds_required_document (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_required_document_service_id ON hsds_required_document (tenant_id, service_id);

CREATE TABLE hsds_language (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  location_id uuid,
  phone_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_language_service_id ON hsds_language (tenant_id, service_id);
CREATE INDEX hsds_language_location_id ON hsds_language (tenant_id, location_id);
CREATE INDEX hsds_language_phone_id ON hsds_language (tenant_id, phone_id);

CREATE TABLE hsds_accessibility (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  location_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_accessibility_location_id ON hsds_accessibility (tenant_id, location_id);

CREATE TABLE hsds_taxonomy_term (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  parent_id uuid,
  taxonomy_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_taxonomy_term_parent_id ON hsds_taxonomy_term (tenant_id, parent_id);
CREATE INDEX hsds_taxonomy_term_taxonomy_id ON hsds_taxonomy_term (tenant_id, taxonomy_id);

CREATE TABLE hsds_metadata (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  resource_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_metadata_resource_id ON hsds_metadata (tenant_id, resource_id);

CREATE TABLE hsds_meta_table_description (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);

CREATE TABLE hsds_cost_option (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_cost_option_service_id ON hsds_cost_option (tenant_id, service_id);

CREATE TABLE hsds_organization_identifier (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  organization_id uuid,
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);
CREATE INDEX hsds_organization_identifier_organization_id ON hsds_organization_identifier (tenant_id, organization_id);

CREATE TABLE hsds_taxonomy (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  position integer NOT NULL DEFAULT 0, -- order among its siblings in the nested form
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  translations jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(translations) = 'object'),
  demo_values text[] NOT NULL DEFAULT '{}',
  modified_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, id)
);

CREATE INDEX hsds_service_search ON hsds_service USING gin (search_document);
CREATE INDEX hsds_service_search_trgm ON hsds_service USING gin (search_text gin_trgm_ops);
CREATE INDEX hsds_service_modified ON hsds_service (tenant_id, modified_at);
CREATE INDEX hsds_attribute_term_link ON hsds_attribute (tenant_id, taxonomy_term_id, link_id);

-- Our own links of a service: need areas (by code of the access module's taxonomy: codes survive new
-- taxonomy versions), target groups, and the offices whose area the service serves.
CREATE TABLE directory_service_need_area (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid NOT NULL REFERENCES hsds_service(id) ON DELETE CASCADE,
  need_area_code text NOT NULL CHECK (need_area_code ~ '^[a-z0-9_.-]{2,60}$'),
  PRIMARY KEY (service_id, need_area_code)
);
CREATE INDEX directory_service_need_area_code ON directory_service_need_area (tenant_id, need_area_code);

CREATE TABLE directory_service_target_group (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid NOT NULL REFERENCES hsds_service(id) ON DELETE CASCADE,
  target_group text NOT NULL CHECK (target_group IN (
    'families', 'minors', 'young_people', 'adults', 'older_people', 'people_with_disabilities', 'migrants',
    'women', 'unemployed', 'homeless', 'carers', 'everyone')),
  PRIMARY KEY (service_id, target_group)
);
CREATE INDEX directory_service_target_group_code ON directory_service_target_group (tenant_id, target_group);

CREATE TABLE directory_service_office (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  service_id uuid NOT NULL REFERENCES hsds_service(id) ON DELETE CASCADE,
  office_id uuid NOT NULL,
  position integer NOT NULL DEFAULT 0,
  PRIMARY KEY (service_id, office_id),
  FOREIGN KEY (tenant_id, office_id) REFERENCES office(tenant_id, id)
);
CREATE INDEX directory_service_office_office ON directory_service_office (tenant_id, office_id);

-- Residents' words: a colloquial phrase and the catalogue words it means (bollette → utenze),
-- maintained by admins; applied to every search.
CREATE TABLE directory_synonym (
  id uuid PRIMARY KEY,
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  phrase text NOT NULL CHECK (length(phrase) BETWEEN 2 AND 120),
  expansion text NOT NULL CHECK (length(expansion) BETWEEN 2 AND 500),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (tenant_id, phrase),
  UNIQUE (tenant_id, id)
);

-- Words of the catalogue (unaccented, lower case) for typo tolerance: a misspelt query word is
-- replaced by its nearest catalogue words (pg_trgm).
CREATE TABLE directory_word (
  tenant_id uuid NOT NULL REFERENCES tenant(id),
  word text NOT NULL,
  PRIMARY KEY (tenant_id, word)
);
CREATE INDEX directory_word_trgm ON directory_word USING gin (word gin_trgm_ops);

-- The search document of one service: name (A), description, need areas and taxonomy terms (B),
-- eligibility, how to access and organization (C), the rest (D); Italian and English translations.
CREATE FUNCTION directory_refresh_search(p_service uuid) RETURNS void LANGUAGE plpgsql AS $$
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
END $$;
GRANT EXECUTE ON FUNCTION directory_refresh_search(uuid) TO segretariato_app;

ALTER TABLE organization ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_program ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_service ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_attribute ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_service_at_location ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_location ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_phone ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_contact ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_address ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_schedule ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_funding ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_service_area ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_required_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_language ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_accessibility ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_taxonomy_term ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_metadata ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_meta_table_description ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_cost_option ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_organization_identifier ENABLE ROW LEVEL SECURITY;
ALTER TABLE hsds_taxonomy ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_service_need_area ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_service_target_group ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_service_office ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_synonym ENABLE ROW LEVEL SECURITY;
ALTER TABLE directory_word ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organization USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_program USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_service USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_attribute USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_service_at_location USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_location USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_phone USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_contact USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_address USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_schedule USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_funding USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_service_area USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_required_document USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_language USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_accessibility USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_taxonomy_term USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_metadata USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_meta_table_description USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_cost_option USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_organization_identifier USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON hsds_taxonomy USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_service_need_area USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_service_target_group USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_service_office USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_synonym USING (tenant_id = current_setting('app.tenant_id', true)::uuid);
CREATE POLICY tenant_isolation ON directory_word USING (tenant_id = current_setting('app.tenant_id', true)::uuid);

GRANT SELECT, INSERT, UPDATE, DELETE ON
  organization, hsds_program, hsds_service, hsds_attribute, hsds_service_at_location,
  hsds_location, hsds_phone, hsds_contact, hsds_address, hsds_schedule,
  hsds_funding, hsds_service_area, hsds_required_document, hsds_language, hsds_accessibility,
  hsds_taxonomy_term, hsds_metadata, hsds_meta_table_description, hsds_cost_option, hsds_organization_identifier,
  hsds_taxonomy, directory_service_need_area, directory_service_target_group, directory_service_office, directory_synonym,
  directory_word
  TO segretariato_app;
