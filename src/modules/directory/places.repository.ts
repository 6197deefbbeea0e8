import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

/** SQL of a service's places (HSDS location + address + service_at_location), phones and weekly hours. */

export interface StoredLocation {
  id: string;
  name: string;
  address: string;
  postal: string;
  city: string;
  province: string;
  address_id: string | null;
}
export interface StoredPhone {
  id: string;
  number: string;
  description: string;
}
export interface StoredHour {
  id: string;
  byday: string;
  opens: string;
  closes: string;
}

export async function locationsOf(trx: Executor, serviceId: string): Promise<StoredLocation[]> {
  const r = await sql<StoredLocation>`
    SELECT l.id, coalesce(l.data->>'name', '') AS name, a.id AS address_id,
      coalesce(a.data->>'address_1', '') AS address, coalesce(a.data->>'postal_code', '') AS postal,
      coalesce(a.data->>'city', '') AS city, coalesce(a.data->>'state_province', '') AS province
    FROM hsds_service_at_location sal JOIN hsds_location l ON l.id = sal.location_id
    LEFT JOIN LATERAL (SELECT * FROM hsds_address x WHERE x.location_id = l.id ORDER BY x.position, x.id LIMIT 1) a ON true
    WHERE sal.service_id = ${serviceId} ORDER BY sal.position, l.id`.execute(trx);
  return r.rows;
}

export async function phonesOf(trx: Executor, serviceId: string): Promise<StoredPhone[]> {
  const r = await sql<StoredPhone>`SELECT id, coalesce(data->>'number', '') AS number,
      coalesce(data->>'description', '') AS description
    FROM hsds_phone WHERE service_id = ${serviceId} ORDER BY position, id`.execute(trx);
  return r.rows;
}

/**
 * The service's own plain weekly schedules (not its locations'): WEEKLY (or no freq), plain weekdays,
 * both times. Others (monthly rules, descriptions only — from an import) are not shown and not touched.
 */
export async function hoursOf(trx: Executor, serviceId: string): Promise<StoredHour[]> {
  const r = await sql<StoredHour>`SELECT id, data->>'byday' AS byday,
      left(data->>'opens_at', 5) AS opens, left(data->>'closes_at', 5) AS closes
    FROM hsds_schedule WHERE service_id = ${serviceId} AND coalesce(data->>'freq', 'WEEKLY') = 'WEEKLY'
      AND data->>'byday' ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'
      AND data->>'opens_at' ~ '^[0-9]{2}:[0-9]{2}' AND data->>'closes_at' ~ '^[0-9]{2}:[0-9]{2}'
    ORDER BY position, id`.execute(trx);
  return r.rows;
}

const json = (v: unknown) => JSON.stringify(v);

export async function updateLocation(trx: Executor, tenantId: string, loc: StoredLocation, now: Date) {
  await sql`UPDATE hsds_location SET data = CASE WHEN ${loc.name} = '' THEN data - 'name'
      ELSE data || jsonb_build_object('name', ${loc.name}::text) END, modified_at = ${now}
    WHERE id = ${loc.id}`.execute(trx);
  const address = {
    address_1: loc.address,
    postal_code: loc.postal,
    city: loc.city,
    state_province: loc.province,
  };
  if (loc.address_id)
    await sql`UPDATE hsds_address SET data = data || ${json(address)}::jsonb, demo_values = '{}', modified_at = ${now}
      WHERE id = ${loc.address_id}`.execute(trx);
  else await insertAddress(trx, tenantId, loc.id, address, now);
}

async function insertAddress(
  trx: Executor,
  tenantId: string,
  locationId: string,
  address: Record<string, string>,
  now: Date,
) {
  await trx
    .insertInto('hsds_address')
    .values({
      id: newId(),
      tenant_id: tenantId,
      location_id: locationId,
      data: json({ ...address, country: 'IT', address_type: 'physical' }),
      modified_at: now,
    })
    .execute();
}

/** A new physical place of the service's organization, linked to the service. */
export async function addLocation(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  organizationId: string | null,
  loc: StoredLocation,
  position: number,
  now: Date,
) {
  const id = newId();
  await trx
    .insertInto('hsds_location')
    .values({
      id,
      tenant_id: tenantId,
      organization_id: organizationId,
      data: json({ location_type: 'physical', ...(loc.name ? { name: loc.name } : {}) }),
      modified_at: now,
    })
    .execute();
  const { address, postal, city, province } = loc;
  await insertAddress(
    trx,
    tenantId,
    id,
    { address_1: address, postal_code: postal, city, state_province: province },
    now,
  );
  await trx
    .insertInto('hsds_service_at_location')
    .values({
      id: newId(),
      tenant_id: tenantId,
      service_id: serviceId,
      location_id: id,
      position,
      data: json({}),
      modified_at: now,
    })
    .execute();
}

/** Unlinks a place from the service (the place stays: other services may use it). */
export async function unlinkLocation(trx: Executor, serviceId: string, locationId: string) {
  await trx
    .deleteFrom('hsds_service_at_location')
    .where('service_id', '=', serviceId)
    .where('location_id', '=', locationId)
    .execute();
}

export async function savePhone(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  p: StoredPhone,
  position: number,
  now: Date,
) {
  const data = { number: p.number, type: 'voice', ...(p.description ? { description: p.description } : {}) };
  // An edited phone keeps its other HSDS fields (type, extension…); number and description are replaced.
  const edited = { number: p.number, ...(p.description ? { description: p.description } : {}) };
  if (p.id)
    await sql`UPDATE hsds_phone SET data = ((${json({ type: 'voice' })}::jsonb || data) - 'description') || ${json(edited)}::jsonb,
      position = ${position}, demo_values = '{}', modified_at = ${now}
      WHERE id = ${p.id} AND service_id = ${serviceId}`.execute(trx);
  else
    await trx
      .insertInto('hsds_phone')
      .values({ id: newId(), tenant_id: tenantId, service_id: serviceId, position, data: json(data), modified_at: now })
      .execute();
}

export async function deletePhone(trx: Executor, serviceId: string, id: string) {
  await trx.deleteFrom('hsds_phone').where('id', '=', id).where('service_id', '=', serviceId).execute();
}

export async function saveHour(
  trx: Executor,
  tenantId: string,
  serviceId: string,
  h: StoredHour,
  position: number,
  now: Date,
) {
  const data = { freq: 'WEEKLY', byday: h.byday, opens_at: `${h.opens}:00`, closes_at: `${h.closes}:00` };
  if (h.id)
    await sql`UPDATE hsds_schedule SET data = data || ${json(data)}::jsonb, position = ${position},
      demo_values = '{}', modified_at = ${now} WHERE id = ${h.id} AND service_id = ${serviceId}`.execute(trx);
  else
    await trx
      .insertInto('hsds_schedule')
      .values({
        id: newId(),
        tenant_id: tenantId,
        service_id: serviceId,
        position,
        data: json({ ...data, attending_type: 'in_person' }),
        modified_at: now,
      })
      .execute();
}

export async function deleteHour(trx: Executor, serviceId: string, id: string) {
  await trx.deleteFrom('hsds_schedule').where('id', '=', id).where('service_id', '=', serviceId).execute();
}

/**
 * Bumps the service's version and modified time (its places, phones or hours changed) and drops the
 * "demo value" flag of what an operator has now set (`real`: 'phone', 'hours'); false if stale.
 */
export async function touchService(
  trx: Executor,
  id: string,
  version: number,
  now: Date,
  real: string[] = [],
): Promise<boolean> {
  const r = await sql`UPDATE hsds_service SET version = version + 1, modified_at = ${now},
      demo_values = ARRAY(SELECT v FROM unnest(demo_values) AS v WHERE v <> ALL(${real}::text[]))
    WHERE id = ${id} AND version = ${version}`.execute(trx);
  return Number(r.numAffectedRows ?? 0) === 1;
}
