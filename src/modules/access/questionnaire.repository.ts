import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface QuestionnaireRow {
  id: string;
  code: string;
  version: number;
  title_it: string;
  title_en: string;
  definition: unknown;
  published_at: Date;
}

const COLUMNS = ['id', 'code', 'version', 'title_it', 'title_en', 'definition', 'published_at'] as const;

export async function latestVersionNumber(db: Executor, tenantId: string, code: string): Promise<number> {
  const row = await db
    .selectFrom('questionnaire_version')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.max ?? 0;
}

/** Serialises publications of one code in the transaction, so two admins never both make version N+1. */
export async function lockCode(db: Executor, tenantId: string, code: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`questionnaire:${tenantId}:${code}`}))`.execute(db);
}

export async function insertVersion(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    code: string;
    version: number;
    titleIt: string;
    titleEn: string;
    definition: unknown;
    publishedAt: Date;
    publishedBy: string | null;
  },
): Promise<void> {
  await db
    .insertInto('questionnaire_version')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      code: row.code,
      version: row.version,
      title_it: row.titleIt,
      title_en: row.titleEn,
      definition: JSON.stringify(row.definition),
      published_at: row.publishedAt,
      published_by: row.publishedBy,
    })
    .execute();
}

export async function findById(db: Executor, tenantId: string, id: string): Promise<QuestionnaireRow | undefined> {
  return db
    .selectFrom('questionnaire_version')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst() as Promise<QuestionnaireRow | undefined>;
}

export async function findVersion(
  db: Executor,
  tenantId: string,
  code: string,
  version: number,
): Promise<QuestionnaireRow | undefined> {
  return db
    .selectFrom('questionnaire_version')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .where('version', '=', version)
    .executeTakeFirst() as Promise<QuestionnaireRow | undefined>;
}

/** The newest version of every questionnaire code. */
export async function listCurrent(db: Executor, tenantId: string): Promise<QuestionnaireRow[]> {
  return db
    .selectFrom('questionnaire_version')
    .distinctOn('code')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute() as Promise<QuestionnaireRow[]>;
}

export async function tenantsWithout(db: Executor, code: string): Promise<string[]> {
  const rows = await db
    .selectFrom('tenant')
    .select('id')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('questionnaire_version')
            .select('id')
            .whereRef('questionnaire_version.tenant_id', '=', 'tenant.id')
            .where('questionnaire_version.code', '=', code),
        ),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Every published version, by code then newest first (the admin page). */
export async function listAll(db: Executor, tenantId: string): Promise<QuestionnaireRow[]> {
  return db
    .selectFrom('questionnaire_version')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .orderBy('code')
    .orderBy('version', 'desc')
    .limit(500)
    .execute() as Promise<QuestionnaireRow[]>;
}
