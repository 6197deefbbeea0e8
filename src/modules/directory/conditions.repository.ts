import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/** SQL of a service's conditions: required documents, cost options, languages, ages, target groups, offices. */

export interface StoredDocument {
  id: string;
  document: string;
  /** English translation ('' = none). */
  documentEn: string;
}
export interface StoredCost {
  id: string;
  option: string;
  amount: number | null;
  description: string;
  optionEn: string;
  descriptionEn: string;
}

const json = (v: unknown) => JSON.stringify(v);
/** Only the non-empty texts of an object (a blank translation is removed, not stored empty). */
const filled = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== ''));

export async function documentsOf(trx: Executor, serviceId: string): Promise<StoredDocument[]> {
  const r = await sql<StoredDocument>`SELECT id, coalesce(data->>'document', '') AS document,
      coalesce(translations->'en'->>'document', '') AS "documentEn"
    FROM hsds_required_document WHERE service_id = ${serviceId} ORDER BY position, id`.execute(trx);
  return r.rows;
}

export async function costsOf(trx: Executor, serviceId: string): Promise<StoredCost[]> {
  const r = await sql<Omit<StoredCost, 'amount'> & { amount: string | null }>`
    SELECT id, coalesce(data->>'option', '') AS option,
      coalesce(translations->'en'->>'option', '') AS "optionEn",
      coalesce(translations->'en'->>'amount_description', '') AS "descriptionEn",
      CASE WHEN jsonb_typeof(data->'amount') = 'number' THEN data->>'amount' END AS amount,
      coalesce(data->>'amount_description', '') AS description
    FROM hsds_cost_option WHERE service_id = ${serviceId} ORDER BY position, id`.execute(trx);
  return r.rows.map((c) => ({ ...c, amount: c.amount === null ? null : Number(c.amount) }));
}

/** The service's language codes (lower case) among `codes`; other codes (from an import) are left alone. */
export async function languagesOf(trx: Executor, serviceId: string, codes: readonly string[]): Promise<string[]> {
  const r = await sql<{ code: string }>`SELECT DISTINCT lower(data->>'code') AS code FROM hsds_language
    WHERE service_id = ${serviceId} AND lower(data->>'code') = ANY(${codes as string[]}::text[])`.execute(trx);
  return codes.filter((c) => r.rows.some((x) => x.code === c));
}

export async function targetGroupsOf(trx: Executor, serviceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('directory_service_target_group')
    .select('target_group')
    .where('service_id', '=', serviceId)
    .orderBy('target_group')
    .execute();
  return rows.map((r) => r.target_group);
}

export async function officesOf(trx: Executor, serviceId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('directory_service_office')
    .select('office_id')
    .where('service_id', '=', serviceId)
    .orderBy('position')
    .orderBy('office_id')
    .execute();
  return rows.map((r) => r.office_id);
}

/** The tenant's offices (central first), to choose the ones whose area the service serves. */
export async function tenantOffices(trx: Executor): Promise<{ id: string; name: string }[]> {
  return trx.selectFrom('office').select(['id', 'name']).orderBy('kind').orderBy('name').execute();
}

export async function saveDocument(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  d: StoredDocument,
  position: number,
  now: Date,
) {
  const en = filled({ document: d.documentEn });
  // An edited document keeps its other HSDS fields (uri) and translations of other fields and languages.
  if (d.id)
    await sql`UPDATE hsds_required_document SET data = data || ${json({ document: d.document })}::jsonb,
      translations = jsonb_set(translations, '{en}', (coalesce(translations->'en', '{}') - 'document') || ${json(en)}::jsonb),
      position = ${position}, demo_values = '{}', modified_at = ${now}
      WHERE id = ${d.id} AND service_id = ${serviceId}`.execute(trx);
  else
    await trx
      .insertInto('hsds_required_document')
      .values({
        id: newId(),
        tenant_id: tenantId,
        service_id: serviceId,
        position,
        data: json({ document: d.document }),
        translations: json(Object.keys(en).length ? { en } : {}),
        modified_at: now,
      })
      .execute();
}

export async function deleteDocument(trx: Executor, serviceId: string, id: string) {
  await trx.deleteFrom('hsds_required_document').where('id', '=', id).where('service_id', '=', serviceId).execute();
}

export async function saveCost(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  c: StoredCost,
  position: number,
  now: Date,
) {
  const set = {
    ...(c.option ? { option: c.option } : {}),
    ...(c.amount !== null ? { amount: c.amount, currency: 'EUR' } : {}),
    ...(c.description ? { amount_description: c.description } : {}),
  };
  const en = filled({ option: c.optionEn, amount_description: c.descriptionEn });
  if (c.id)
    await sql`UPDATE hsds_cost_option
      SET data = (data - 'option' - 'amount' - 'currency' - 'amount_description') || ${json(set)}::jsonb,
        translations = jsonb_set(translations, '{en}',
          (coalesce(translations->'en', '{}') - 'option' - 'amount_description') || ${json(en)}::jsonb),
        position = ${position}, demo_values = '{}', modified_at = ${now}
      WHERE id = ${c.id} AND service_id = ${serviceId}`.execute(trx);
  else
    await trx
      .insertInto('hsds_cost_option')
      .values({
        id: newId(),
        tenant_id: tenantId,
        service_id: serviceId,
        position,
        data: json(set),
        translations: json(Object.keys(en).length ? { en } : {}),
        modified_at: now,
      })
      .execute();
}

export async function deleteCost(trx: Executor, serviceId: string, id: string) {
  await trx.deleteFrom('hsds_cost_option').where('id', '=', id).where('service_id', '=', serviceId).execute();
}

/** Sets which of `managed` language codes the service offers (rows of other codes are untouched). */
export async function replaceLanguages(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  managed: readonly string[],
  codes: string[],
  now: Date,
) {
  await sql`DELETE FROM hsds_language WHERE service_id = ${serviceId}
    AND lower(data->>'code') = ANY(${managed as string[]}::text[])`.execute(trx);
  if (codes.length)
    await trx
      .insertInto('hsds_language')
      .values(
        codes.map((code, i) => ({
          id: newId(),
          tenant_id: tenantId,
          service_id: serviceId,
          position: i,
          data: json({ code, name: new Intl.DisplayNames(['it'], { type: 'language' }).of(code) ?? code }),
          modified_at: now,
        })),
      )
      .execute();
}

/** Writes the age limits (null = none) into the service's HSDS data. */
export async function writeAges(trx: Executor, serviceId: string, min: number | null, max: number | null) {
  const set = { ...(min !== null ? { minimum_age: min } : {}), ...(max !== null ? { maximum_age: max } : {}) };
  await sql`UPDATE hsds_service SET data = (data - 'minimum_age' - 'maximum_age') || ${json(set)}::jsonb
    WHERE id = ${serviceId}`.execute(trx);
}

export async function replaceTargetGroups(trx: Executor, tenantId: string, serviceId: string, groups: string[]) {
  await trx.deleteFrom('directory_service_target_group').where('service_id', '=', serviceId).execute();
  if (groups.length)
    await trx
      .insertInto('directory_service_target_group')
      .values(groups.map((g) => ({ tenant_id: tenantId, service_id: serviceId, target_group: g })))
      .execute();
}

export async function replaceOffices(trx: Executor, tenantId: string, serviceId: string, offices: string[]) {
  await trx.deleteFrom('directory_service_office').where('service_id', '=', serviceId).execute();
  if (offices.length)
    await trx
      .insertInto('directory_service_office')
      .values(offices.map((o, i) => ({ tenant_id: tenantId, service_id: serviceId, office_id: o, position: i })))
      .execute();
}
