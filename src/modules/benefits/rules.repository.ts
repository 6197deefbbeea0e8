import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { RuleSetVersion } from './rules.catalogue.ts';
import type { RuleSetDefinition } from './rules.types.ts';

export interface RuleSetRow extends RuleSetVersion {
  publishedAt: Date;
}

const COLUMNS = ['id', 'measure', 'version', 'effective_from', 'effective_to', 'definition', 'published_at'] as const;

type Raw = {
  id: string;
  measure: string;
  version: number;
  effective_from: string;
  effective_to: string | null;
  definition: unknown;
  published_at: Date;
};

const present = (r: Raw): RuleSetRow => ({
  id: r.id,
  measure: r.measure,
  version: r.version,
  effectiveFrom: r.effective_from,
  effectiveTo: r.effective_to,
  definition: r.definition as RuleSetDefinition,
  publishedAt: r.published_at,
});

/** Every version of every measure of a tenant (a few dozen rows: rules are small reference data). */
export async function listVersions(db: Executor, tenantId: string, measure?: string): Promise<RuleSetRow[]> {
  let q = db.selectFrom('benefit_rule_set').select(COLUMNS).where('tenant_id', '=', tenantId);
  if (measure) q = q.where('measure', '=', measure);
  const rows = (await q.orderBy('measure').orderBy('version').execute()) as Raw[];
  return rows.map(present);
}

export async function findVersionById(db: Executor, tenantId: string, id: string): Promise<RuleSetRow | undefined> {
  const row = (await db
    .selectFrom('benefit_rule_set')
    .select(COLUMNS)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst()) as Raw | undefined;
  return row ? present(row) : undefined;
}

/** Serialises publications of one measure, so two admins never both make version N+1. */
export async function lockMeasure(db: Executor, tenantId: string, measure: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`benefit_rule_set:${tenantId}:${measure}`}))`.execute(db);
}

export async function latestVersionNumber(db: Executor, tenantId: string, measure: string): Promise<number> {
  const row = await db
    .selectFrom('benefit_rule_set')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('tenant_id', '=', tenantId)
    .where('measure', '=', measure)
    .executeTakeFirst();
  return row?.max ?? 0;
}

export async function insertVersion(
  db: Executor,
  row: Omit<RuleSetVersion, 'measure'> & { tenantId: string; publishedAt: Date; publishedBy: string | null },
): Promise<void> {
  await db
    .insertInto('benefit_rule_set')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      measure: row.definition.measure,
      version: row.version,
      kind: row.definition.kind,
      effective_from: row.effectiveFrom,
      effective_to: row.effectiveTo,
      definition: JSON.stringify(row.definition),
      published_at: row.publishedAt,
      published_by: row.publishedBy,
    })
    .execute();
}
