/**
 * The HSDS 3.0 tables as this module stores them: one SQL table per HSDS table, its uuid links as
 * columns, the other one-to-one fields in `data`. The nesting below mirrors schema/compiled/*.json.
 */
export const HSDS_TABLES = [
  'organization',
  'program',
  'service',
  'attribute',
  'service_at_location',
  'location',
  'phone',
  'contact',
  'address',
  'schedule',
  'funding',
  'service_area',
  'required_document',
  'language',
  'accessibility',
  'taxonomy_term',
  'metadata',
  'meta_table_description',
  'cost_option',
  'organization_identifier',
  'taxonomy',
] as const;
export type HsdsTable = (typeof HSDS_TABLES)[number];

/** uuid link fields of each table (they are columns; everything else is in `data`). */
export const LINKS: Record<HsdsTable, readonly string[]> = {
  organization: ['parent_organization_id'],
  program: ['organization_id'],
  service: ['organization_id', 'program_id'],
  attribute: ['link_id', 'taxonomy_term_id'],
  service_at_location: ['service_id', 'location_id'],
  location: ['organization_id'],
  phone: ['location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id'],
  contact: ['organization_id', 'service_id', 'service_at_location_id', 'location_id'],
  address: ['location_id'],
  schedule: ['service_id', 'location_id', 'service_at_location_id'],
  funding: ['organization_id', 'service_id'],
  service_area: ['service_id'],
  required_document: ['service_id'],
  language: ['service_id', 'location_id', 'phone_id'],
  accessibility: ['location_id'],
  taxonomy_term: ['parent_id', 'taxonomy_id'],
  metadata: ['resource_id'],
  meta_table_description: [],
  cost_option: ['service_id'],
  organization_identifier: ['organization_id'],
  taxonomy: [],
};

/** The SQL table of an HSDS table (organization keeps its plain name: other modules reference it). */
export const sqlTable = (t: HsdsTable) => (t === 'organization' ? 'organization' : `hsds_${t}`) as 'organization';

/** CSV file of each table in the tabular data package (HSDS 3.0 names). */
export const CSV_FILE: Record<HsdsTable, string> = {
  organization: 'organizations.csv',
  program: 'programs.csv',
  service: 'services.csv',
  attribute: 'attributes.csv',
  service_at_location: 'service_at_location.csv',
  location: 'locations.csv',
  phone: 'phones.csv',
  contact: 'contacts.csv',
  address: 'addresses.csv',
  schedule: 'schedules.csv',
  funding: 'funding.csv',
  service_area: 'service_areas.csv',
  required_document: 'required_documents.csv',
  language: 'languages.csv',
  accessibility: 'accessibility.csv',
  taxonomy_term: 'taxonomy_terms.csv',
  metadata: 'metadata.csv',
  meta_table_description: 'meta_table_descriptions.csv',
  cost_option: 'cost_options.csv',
  organization_identifier: 'organization_identifiers.csv',
  taxonomy: 'taxonomies.csv',
};

/**
 * A nested property of a table in the full form. `array`: rows of `table` whose `via` column holds the
 * parent's id. `object`: the row of `table` whose id is in the parent's `via` column.
 */
export interface Nested {
  prop: string;
  table: HsdsTable;
  kind: 'array' | 'object';
  via: string;
}

const tail: Nested[] = [
  { prop: 'attributes', table: 'attribute', kind: 'array', via: 'link_id' },
  { prop: 'metadata', table: 'metadata', kind: 'array', via: 'resource_id' },
];
const arr = (prop: string, table: HsdsTable, via: string): Nested => ({ prop, table, kind: 'array', via });
const obj = (prop: string, table: HsdsTable, via: string): Nested => ({ prop, table, kind: 'object', via });

export const NESTED: Record<HsdsTable, Nested[]> = {
  service: [
    obj('organization', 'organization', 'organization_id'),
    obj('program', 'program', 'program_id'),
    arr('phones', 'phone', 'service_id'),
    arr('schedules', 'schedule', 'service_id'),
    arr('service_areas', 'service_area', 'service_id'),
    arr('service_at_locations', 'service_at_location', 'service_id'),
    arr('languages', 'language', 'service_id'),
    arr('funding', 'funding', 'service_id'),
    arr('cost_options', 'cost_option', 'service_id'),
    arr('required_documents', 'required_document', 'service_id'),
    arr('contacts', 'contact', 'service_id'),
    ...tail,
  ],
  organization: [
    arr('funding', 'funding', 'organization_id'),
    arr('contacts', 'contact', 'organization_id'),
    arr('phones', 'phone', 'organization_id'),
    arr('locations', 'location', 'organization_id'),
    arr('programs', 'program', 'organization_id'),
    arr('organization_identifiers', 'organization_identifier', 'organization_id'),
    arr('services', 'service', 'organization_id'),
    ...tail,
  ],
  service_at_location: [
    obj('service', 'service', 'service_id'),
    obj('location', 'location', 'location_id'),
    arr('contacts', 'contact', 'service_at_location_id'),
    arr('phones', 'phone', 'service_at_location_id'),
    arr('schedules', 'schedule', 'service_at_location_id'),
    ...tail,
  ],
  location: [
    arr('languages', 'language', 'location_id'),
    arr('addresses', 'address', 'location_id'),
    arr('contacts', 'contact', 'location_id'),
    arr('accessibility', 'accessibility', 'location_id'),
    arr('phones', 'phone', 'location_id'),
    arr('schedules', 'schedule', 'location_id'),
    ...tail,
  ],
  phone: [arr('languages', 'language', 'phone_id'), ...tail],
  contact: [arr('phones', 'phone', 'contact_id'), ...tail],
  attribute: [
    obj('taxonomy_term', 'taxonomy_term', 'taxonomy_term_id'),
    { prop: 'metadata', table: 'metadata', kind: 'array', via: 'resource_id' },
  ],
  taxonomy_term: [
    obj('taxonomy_detail', 'taxonomy', 'taxonomy_id'),
    { prop: 'metadata', table: 'metadata', kind: 'array', via: 'resource_id' },
  ],
  taxonomy: [{ prop: 'metadata', table: 'metadata', kind: 'array', via: 'resource_id' }],
  metadata: [],
  meta_table_description: [],
  program: tail,
  language: tail,
  schedule: tail,
  service_area: tail,
  address: tail,
  accessibility: tail,
  funding: tail,
  organization_identifier: tail,
  cost_option: tail,
  required_document: tail,
};

/** A stored HSDS record: its table, id, link columns and one-to-one fields. */
export interface HsdsRow {
  table: HsdsTable;
  id: string;
  links: Record<string, string | null>;
  data: Record<string, unknown>;
  position: number;
}

/** Splits a flat HSDS record (all one-to-one fields, id included) into links and data. */
export function toRow(table: HsdsTable, record: Record<string, unknown>, position = 0): HsdsRow {
  const links: Record<string, string | null> = {};
  const data: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (k === 'id' || v === null || v === undefined) continue;
    if (Array.isArray(v) || typeof v === 'object') continue;
    if (LINKS[table].includes(k)) links[k] = v === '' ? null : String(v);
    else data[k] = v;
  }
  for (const l of LINKS[table]) links[l] ??= null;
  return { table, id: String(record.id), links, data, position };
}

/** The flat HSDS record of a stored row (links first, as the CSV headers have them). */
export function toRecord(row: Pick<HsdsRow, 'id' | 'links' | 'data'>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: row.id };
  for (const [k, v] of Object.entries(row.links)) if (v) out[k] = v;
  return { ...out, ...row.data };
}
