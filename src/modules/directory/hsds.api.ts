import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { nest } from './hsds.nest.ts';
import { rowsWhere, type StoredRow } from './hsds.repository.ts';
import { expandQuery, normalise, type SearchFilters, searchServiceIds } from './search.repository.ts';

/** Paging as the HSDS OpenAPI's Page schema has it. */
export interface PageQuery {
  page?: number;
  per_page?: number;
}
export const MAX_PER_PAGE = 200;

export function paging(q: PageQuery): { page: number; perPage: number; offset: number } {
  const page = Math.max(1, Math.floor(q.page ?? 1));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(q.per_page ?? 50)));
  return { page, perPage, offset: (page - 1) * perPage };
}

export function pageOf<T>(contents: T[], total: number, page: number, perPage: number) {
  const totalPages = Math.max(1, Math.ceil(total / perPage));
  return {
    total_items: total,
    total_pages: totalPages,
    page_number: page,
    size: contents.length,
    first_page: page === 1,
    last_page: page >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export interface ServiceQuery extends PageQuery {
  search?: string;
  taxonomy_term_id?: string;
  taxonomy_id?: string;
  organization_id?: string;
  modified_after?: string;
  minimal?: boolean;
  full?: boolean;
}

const filtersOf = (q: ServiceQuery): SearchFilters => ({
  taxonomyTermId: q.taxonomy_term_id,
  taxonomyId: q.taxonomy_id,
  organizationId: q.organization_id,
  modifiedAfter: q.modified_after ? new Date(q.modified_after) : undefined,
});

/** Rows by id, in the order of `ids`. */
async function inOrder(trx: Executor, table: 'service' | 'organization', ids: string[]): Promise<StoredRow[]> {
  const rows = await rowsWhere(trx, table, 'id', ids);
  return ids.map((id) => rows.find((r) => r.id === id)).filter((r): r is StoredRow => !!r);
}

/** GET /services: the list form (one-to-one fields, organization and program), or full, or minimal. */
export async function listServices(trx: Executor, q: ServiceQuery) {
  const { page, perPage, offset } = paging(q);
  const terms = q.search ? await expandQuery(trx, q.search) : [];
  const found = await searchServiceIds(trx, terms, filtersOf(q), { offset, limit: perPage });
  const rows = await inOrder(trx, 'service', found.ids);
  const contents = q.minimal
    ? rows.map((r) => ({
        id: r.id,
        name: r.data.name,
        status: r.data.status,
        last_modified: r.modified_at.toISOString(),
      }))
    : await nest(trx, 'service', rows, [], q.full ? undefined : ['organization', 'program']);
  return pageOf(contents, found.total, page, perPage);
}

/** GET /services/{id}: the full form. */
export async function getService(trx: Executor, id: string) {
  const [full] = await nest(trx, 'service', await rowsWhere(trx, 'service', 'id', [id]));
  return full;
}

export interface OrganizationQuery extends PageQuery {
  search?: string;
  full?: boolean;
  full_service?: boolean;
}

/** GET /organizations: by name, searched on name and description. */
export async function listHsdsOrganizations(trx: Executor, q: OrganizationQuery) {
  const { page, perPage, offset } = paging(q);
  const words = q.search ? normalise(q.search).split(' ').filter(Boolean) : [];
  const match = words.length
    ? sql`WHERE ${sql.join(
        words.map(
          (w) =>
            sql`lower(f_unaccent(concat_ws(' ', data->>'name', data->>'alternate_name', data->>'description'))) LIKE ${`%${w}%`}`,
        ),
        sql` AND `,
      )}`
    : sql``;
  const r = await sql<{ id: string; total: string }>`SELECT id, count(*) OVER () AS total FROM organization ${match}
    ORDER BY data->>'name', id OFFSET ${offset} LIMIT ${perPage}`.execute(trx);
  const rows = await inOrder(
    trx,
    'organization',
    r.rows.map((x) => x.id),
  );
  const contents =
    q.full || q.full_service
      ? await organizationsFull(trx, rows, !!q.full_service)
      : await nest(trx, 'organization', rows, [], []);
  return pageOf(contents, Number(r.rows[0]?.total ?? 0), page, perPage);
}

/** The full organization: its services in their list form, unless full_service asks for them whole. */
async function organizationsFull(trx: Executor, rows: StoredRow[], fullService: boolean) {
  const out = await nest(trx, 'organization', rows, ['service']);
  const services = await rowsWhere(
    trx,
    'service',
    'organization_id',
    rows.map((r) => r.id),
  );
  const built = fullService
    ? await nest(trx, 'service', services, ['organization'])
    : await nest(trx, 'service', services, [], ['program']);
  rows.forEach((r, i) => {
    (out[i] as Record<string, unknown>).services = built.filter((_, j) => services[j]?.organization_id === r.id);
  });
  return out;
}

/** GET /organizations/{id}. */
export async function getHsdsOrganization(trx: Executor, id: string, fullService: boolean) {
  const [full] = await organizationsFull(trx, await rowsWhere(trx, 'organization', 'id', [id]), fullService);
  return full;
}

/** GET /taxonomies and /taxonomy_terms. */
export async function listTaxonomies(
  trx: Executor,
  table: 'taxonomy' | 'taxonomy_term',
  q: PageQuery & { search?: string; taxonomy_id?: string; top_only?: boolean; parent_id?: string },
) {
  const { page, perPage, offset } = paging(q);
  const where = [];
  for (const w of q.search ? normalise(q.search).split(' ').filter(Boolean) : [])
    where.push(
      sql`lower(f_unaccent(concat_ws(' ', data->>'name', data->>'description', data->>'code'))) LIKE ${`%${w}%`}`,
    );
  if (table === 'taxonomy_term') {
    if (q.taxonomy_id) where.push(sql`taxonomy_id = ${q.taxonomy_id}`);
    if (q.parent_id) where.push(sql`parent_id = ${q.parent_id}`);
    if (q.top_only) where.push(sql`parent_id IS NULL`);
  }
  const t = table === 'taxonomy' ? 'hsds_taxonomy' : 'hsds_taxonomy_term';
  const r = await sql<StoredRow & { total: string }>`SELECT *, count(*) OVER () AS total FROM ${sql.table(t)}
    ${where.length ? sql`WHERE ${sql.join(where, sql` AND `)}` : sql``}
    ORDER BY data->>'name', id OFFSET ${offset} LIMIT ${perPage}`.execute(trx);
  const contents = await nest(
    trx,
    table,
    r.rows,
    [],
    table === 'taxonomy' ? ['metadata'] : ['taxonomy_detail', 'metadata'],
  );
  return pageOf(contents, Number(r.rows[0]?.total ?? 0), page, perPage);
}

/** GET /service_at_locations: list form (one-to-one fields, service and location). */
export async function listServiceAtLocations(trx: Executor, q: ServiceQuery & { postcode?: string }) {
  const { page, perPage, offset } = paging(q);
  const terms = q.search ? await expandQuery(trx, q.search) : [];
  // The services that match, then their service_at_location rows.
  const matched = await searchServiceIds(trx, terms, filtersOf(q), { offset: 0, limit: 100000 });
  const where = [sql`sal.service_id = ANY(${matched.ids}::uuid[])`];
  if (q.postcode)
    where.push(
      sql`EXISTS (SELECT 1 FROM hsds_address a WHERE a.location_id = sal.location_id AND a.data->>'postal_code' = ${q.postcode})`,
    );
  const r = await sql<
    StoredRow & { total: string }
  >`SELECT sal.*, count(*) OVER () AS total FROM hsds_service_at_location sal
    WHERE ${sql.join(where, sql` AND `)} ORDER BY array_position(${matched.ids}::uuid[], sal.service_id), sal.position, sal.id
    OFFSET ${offset} LIMIT ${perPage}`.execute(trx);
  const contents = await nest(trx, 'service_at_location', r.rows, [], q.full ? undefined : ['service', 'location']);
  return pageOf(contents, Number(r.rows[0]?.total ?? 0), page, perPage);
}
