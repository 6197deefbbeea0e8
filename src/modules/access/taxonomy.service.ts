import type { Ctx } from '../../platform/context.ts';
import { type Executor, withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { accessPermissions } from './access.policy.ts';
import * as repo from './taxonomy.repository.ts';

export interface NeedArea {
  id: string;
  code: string;
  parentCode: string | null;
  siussArea: 1 | 2 | 3 | null;
  labelIt: string;
  labelEn: string;
  sortOrder: number;
}

export interface Taxonomy {
  /** Null while the tenant has no taxonomy yet. */
  version: number | null;
  versionId: string | null;
  publishedAt: Date | null;
  areas: NeedArea[];
}

/** One area of a taxonomy to publish. A child (with a parent code) takes its parent's SIUSS area. */
export interface NeedAreaInput {
  code: string;
  parentCode?: string | null;
  siussArea?: number | null;
  labelIt: string;
  labelEn: string;
}

export interface TaxonomyError {
  field: string;
  code: string;
}

export type PublishResult = { kind: 'published'; taxonomy: Taxonomy } | { kind: 'invalid'; errors: TaxonomyError[] };

const CODE = /^[a-z0-9_.-]{2,60}$/;

export const presentArea = (a: repo.NeedAreaRow): NeedArea => ({
  id: a.id,
  code: a.code,
  parentCode: a.parent_code,
  siussArea: a.siuss_area as 1 | 2 | 3 | null,
  labelIt: a.label_it,
  labelEn: a.label_en,
  sortOrder: a.sort_order,
});

/** The latest taxonomy of a tenant, read in the caller's transaction. */
export async function loadCurrentTaxonomy(trx: Executor, tenantId: string): Promise<Taxonomy> {
  const v = await repo.latestVersion(trx, tenantId);
  if (!v) return { version: null, versionId: null, publishedAt: null, areas: [] };
  const areas = await repo.areasOf(trx, tenantId, v.id);
  return { version: v.version, versionId: v.id, publishedAt: v.published_at, areas: areas.map(presentArea) };
}

/** The need areas new requests are recorded with. Reference data: readable by every operator. */
export async function currentTaxonomy(ctx: Ctx): Promise<Taxonomy> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'taxonomy.read')) {
    await recordDenied(ctx, { action: 'taxonomy.read' });
    throw new Forbidden('taxonomy.read');
  }
  return withTenant(ctx.db, actor.tenantId, (trx) => loadCurrentTaxonomy(trx, actor.tenantId));
}

export function validateTaxonomy(areas: NeedAreaInput[]): TaxonomyError[] {
  const errors: TaxonomyError[] = [];
  if (areas.length === 0) errors.push({ field: 'areas', code: 'required' });
  const topLevel = new Set(areas.filter((a) => !a.parentCode).map((a) => a.code));
  const seen = new Set<string>();
  areas.forEach((a, i) => {
    const at = (f: string) => `areas.${i}.${f}`;
    if (!CODE.test(a.code)) errors.push({ field: at('code'), code: 'invalid' });
    else if (seen.has(a.code)) errors.push({ field: at('code'), code: 'duplicate' });
    seen.add(a.code);
    if (a.parentCode && !topLevel.has(a.parentCode)) errors.push({ field: at('parentCode'), code: 'unknown-parent' });
    if (!a.parentCode && a.siussArea == null) errors.push({ field: at('siussArea'), code: 'required' });
    if (a.siussArea != null && ![1, 2, 3].includes(a.siussArea))
      errors.push({ field: at('siussArea'), code: 'invalid' });
    if (!a.labelIt.trim()) errors.push({ field: at('labelIt'), code: 'required' });
    if (!a.labelEn.trim()) errors.push({ field: at('labelEn'), code: 'required' });
  });
  return errors;
}

/** Writes version N+1 in the caller's transaction; earlier versions are never touched. */
export async function insertTaxonomyVersion(
  trx: Executor,
  tenantId: string,
  areas: NeedAreaInput[],
  meta: { publishedAt: Date; publishedBy: string | null; note?: string | null },
): Promise<{ versionId: string; version: number }> {
  await repo.lockTaxonomy(trx, tenantId);
  const latest = await repo.latestVersion(trx, tenantId);
  const version = (latest?.version ?? 0) + 1;
  const versionId = newId();
  await repo.insertVersion(trx, {
    id: versionId,
    tenantId,
    version,
    publishedAt: meta.publishedAt,
    publishedBy: meta.publishedBy,
    note: meta.note ?? null,
  });
  const siussOf = new Map(areas.filter((a) => !a.parentCode).map((a) => [a.code, a.siussArea ?? null]));
  await repo.insertAreas(
    trx,
    tenantId,
    areas.map((a, i) => ({
      id: newId(),
      taxonomy_version_id: versionId,
      code: a.code,
      parent_code: a.parentCode ?? null,
      siuss_area: a.parentCode ? (siussOf.get(a.parentCode) ?? null) : (a.siussArea ?? null),
      label_it: a.labelIt.trim(),
      label_en: a.labelEn.trim(),
      sort_order: i,
    })),
  );
  return { versionId, version };
}

/** An admin publishes a new version of the taxonomy (the whole list of areas). */
export async function publishTaxonomy(ctx: Ctx, areas: NeedAreaInput[], note?: string): Promise<PublishResult> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'taxonomy.publish')) {
    await recordDenied(ctx, { action: 'taxonomy.publish' });
    throw new Forbidden('taxonomy.publish');
  }
  const errors = validateTaxonomy(areas);
  if (errors.length > 0) return { kind: 'invalid', errors };
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const { versionId, version } = await insertTaxonomyVersion(trx, actor.tenantId, areas, {
      publishedAt: ctx.clock.now(),
      publishedBy: actor.userId,
      note: note ?? null,
    });
    const taxonomy = await loadCurrentTaxonomy(trx, actor.tenantId);
    await recordEvent(trx, ctx, {
      action: 'taxonomy.publish',
      recordType: 'need_taxonomy_version',
      recordId: versionId,
      details: { version, areas: areas.length },
    });
    return { kind: 'published', taxonomy };
  });
}
