import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { HsdsTable } from './hsds.model.ts';

/**
 * The official HSDS 3.0 compiled JSON Schemas (Open Referral, CC BY-SA 4.0, copied gzipped from
 * standards/hsds-3.0/schema/compiled). They declare no $schema (draft-07 semantics) and carry
 * annotation keywords of their own (name, core, constraints, example, datapackage_metadata), so ajv runs
 * with strict: false; formats (uuid, uri, email, date-time) are checked with ajv-formats.
 */
export type SchemaName =
  | 'service'
  | 'organization'
  | 'service_list'
  | 'organization_list'
  | 'service_at_location_list'
  | 'tabular'
  | 'openapi';

const cache = new Map<string, unknown>();
export function loadSchema(name: SchemaName): Record<string, unknown> {
  let s = cache.get(name);
  if (!s) {
    const gz = readFileSync(new URL(`./hsds-schema/${name}.json.gz`, import.meta.url));
    s = JSON.parse(gunzipSync(gz).toString('utf8'));
    cache.set(name, s);
  }
  return s as Record<string, unknown>;
}

let ajv: Ajv | undefined;
function instance(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, code: { optimize: false } });
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
  }
  return ajv;
}

const validators = new Map<string, ValidateFunction>();
function compiled(key: string, schema: () => object): ValidateFunction {
  let v = validators.get(key);
  if (!v) {
    v = instance().compile(schema());
    validators.set(key, v);
  }
  return v;
}

export interface SchemaError {
  pointer: string;
  message: string;
}

const describe = (errors: ErrorObject[] | null | undefined): SchemaError[] =>
  (errors ?? []).map((e) => ({
    pointer: e.instancePath || '/',
    message: `${e.message ?? 'is invalid'}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
  }));

/** Validates a value against one of the compiled schemas. */
export function validateAgainst(name: Exclude<SchemaName, 'tabular' | 'openapi'>, value: unknown): SchemaError[] {
  const v = compiled(name, () => loadSchema(name));
  return v(value) ? [] : describe(v.errors);
}

/** Validates one row of the tabular package against its table's schema in compiled/tabular.json. */
export function validateTableRow(table: HsdsTable, value: unknown): SchemaError[] {
  const v = compiled(`tabular.${table}`, () => tableSchema(table));
  return v(value) ? [] : describe(v.errors);
}

/** The item schema of one table in compiled/tabular.json (field names, types, required). */
export function tableSchema(table: HsdsTable): {
  properties: Record<string, { type?: string; format?: string }>;
  required?: string[];
} {
  const tab = loadSchema('tabular') as { properties: Record<string, { items: unknown }> };
  const t = tab.properties[table]?.items as
    | { properties: Record<string, { type?: string; format?: string }>; required?: string[] }
    | undefined;
  if (!t) throw new Error(`no tabular schema for ${table}`);
  // A CSV row has only one-to-one fields: the nested arrays/objects (some by $ref) are not part of it.
  const properties = Object.fromEntries(
    Object.entries(t.properties).filter(([, p]) => p.type !== 'array' && p.type !== 'object' && !('$ref' in p)),
  );
  return { ...t, properties };
}

/** A sub-schema of compiled/service.json by property path, e.g. ['attributes', 'taxonomy_term']. */
export function serviceSubSchema(path: string[]): object {
  let s = loadSchema('service') as { properties?: Record<string, { items?: unknown }> };
  for (const p of path) {
    const next = s.properties?.[p] as { type?: string; items?: unknown } | undefined;
    if (!next) throw new Error(`no ${p} in service schema`);
    s = (next.type === 'array' ? next.items : next) as typeof s;
  }
  return s;
}

/** Validates against a sub-schema of compiled/service.json (taxonomies and terms have no compiled file). */
export function validateServicePart(path: string[], value: unknown): SchemaError[] {
  const v = compiled(`service.${path.join('.')}`, () => serviceSubSchema(path));
  return v(value) ? [] : describe(v.errors);
}
