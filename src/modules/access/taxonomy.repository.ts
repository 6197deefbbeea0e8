import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface NeedAreaRow {
  id: string;
  taxonomy_version_id: string;
  code: string;
  parent_code: string | null;
  siuss_area: number | null;
  label_it: string;
  label_en: string;
  sort_order: number;
}

export interface VersionRow {
  id: string;
  version: number;
  published_at: Date;
}

const AREA_COLUMNS = [
  'id',
  'taxonomy_version_id',
  'code',
  'parent_code',
  'siuss_area',
  'label_it',
  'label_en',
  'sort_order',
] as const;

export async function latestVersion(db: Executor, tenantId: string): Promise<VersionRow | undefined> {
  return db
    .selectFrom('need_taxonomy_version')
    .select(['id', 'version', 'published_at'])
    .where('tenant_id', '=', tenantId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function areasOf(db: Executor, tenantId: string, versionId: string): Promise<NeedAreaRow[]> {
  return db
    .selectFrom('need_area')
    .select(AREA_COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('taxonomy_version_id', '=', versionId)
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
}

/** Serialises publications of one tenant, so two admins cannot both publish version N+1. */
export async function lockTaxonomy(db: Executor, tenantId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`need_taxonomy:${tenantId}`}))`.execute(db);
}

export async function insertVersion(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    version: number;
    publishedAt: Date;
    publishedBy: string | null;
    note: string | null;
  },
): Promise<void> {
  await db
    .insertInto('need_taxonomy_version')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      version: row.version,
      published_at: row.publishedAt,
      published_by: row.publishedBy,
      note: row.note,
    })
    .execute();
}

export async function insertAreas(db: Executor, tenantId: string, areas: NeedAreaRow[]): Promise<void> {
  if (areas.length === 0) return;
  await db
    .insertInto('need_area')
    .values(areas.map((a) => ({ ...a, tenant_id: tenantId })))
    .execute();
}
