import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import { refreshSearch } from './hsds.repository.ts';
import * as orgs from './organizations.repository.ts';
import * as repo from './upkeep.repository.ts';
import { type FieldError, manager } from './upkeep.service.ts';

export interface OrganizationForm {
  name: string;
  description: string;
  descriptionEn: string;
  website: string;
  email: string;
}
export interface NewServiceForm {
  organizationId: string;
  name: string;
  description: string;
}
export type CreateResult =
  | { kind: 'saved'; id: string }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'conflict' };

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const URL_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateOrganization(f: OrganizationForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!f.name.trim()) errors.push({ field: 'org-name', code: 'required' });
  else if (f.name.length > 200) errors.push({ field: 'org-name', code: 'tooLong' });
  // HSDS requires an organization's description.
  if (!f.description.trim()) errors.push({ field: 'org-description', code: 'required' });
  else if (f.description.length > 4000) errors.push({ field: 'org-description', code: 'tooLong' });
  if (f.descriptionEn.length > 4000) errors.push({ field: 'org-descriptionEn', code: 'tooLong' });
  if (f.website.trim() && (!URL_RE.test(f.website.trim()) || f.website.length > 300))
    errors.push({ field: 'org-website', code: 'url' });
  if (f.email.trim() && (!EMAIL_RE.test(f.email.trim()) || f.email.length > 200))
    errors.push({ field: 'org-email', code: 'email' });
  return errors;
}

/** Organizations of the network with their number of services (upkeep list). */
export async function listOrganizationsForUpkeep(ctx: Ctx) {
  const actor = await manager(ctx);
  return withTenant(ctx.db, actor.tenantId, (trx) => orgs.organizationsWithCounts(trx));
}

export async function organizationForEdit(ctx: Ctx, id: string) {
  const actor = await manager(ctx, id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const o = await orgs.organizationForUpdate(trx, id);
    if (!o) throw new NotFound('organization');
    const d = o.data as Record<string, unknown>;
    const en = ((o.translations as Record<string, Record<string, string>>).en ?? {}) as Record<string, string>;
    const form: OrganizationForm = {
      name: str(d.name),
      description: str(d.description),
      descriptionEn: str(en.description),
      website: str(d.website),
      email: str(d.email),
    };
    return { id, version: o.version, form };
  });
}

/**
 * Creates (id null) or updates an organization. An update checks the row version (stale: conflict). Each
 * changed field becomes an HSDS metadata row of the organization; audited `directory.manage` with the
 * field names. A new name refreshes the search of its services (the organization's name is searched).
 */
export async function saveOrganization(
  ctx: Ctx,
  id: string | null,
  version: number,
  f: OrganizationForm,
): Promise<CreateResult> {
  const actor = await manager(ctx, id ?? undefined);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const current = id ? await orgs.organizationForUpdate(trx, id) : undefined;
    if (id && !current) throw new NotFound('organization');
    const errors = validateOrganization(f);
    if (errors.length) return { kind: 'invalid', errors };
    const before = (current?.data ?? {}) as Record<string, unknown>;
    const data: Record<string, unknown> = { ...before };
    const changes: { field: string; before: string; after: string }[] = [];
    const fields = { name: f.name, description: f.description, website: f.website, email: f.email };
    for (const [k, v] of Object.entries(fields)) {
      const after = v.trim();
      if (after !== str(before[k])) changes.push({ field: k, before: str(before[k]), after });
      if (after) data[k] = after;
      else delete data[k];
    }
    const oldEn = ((current?.translations ?? {}) as Record<string, Record<string, string>>).en ?? {};
    const en = { ...oldEn, description: f.descriptionEn.trim() };
    if (!en.description) delete (en as Record<string, string>).description;
    if (str(oldEn.description) !== f.descriptionEn.trim())
      changes.push({ field: 'description (en)', before: str(oldEn.description), after: f.descriptionEn.trim() });
    const translations = { ...((current?.translations ?? {}) as Record<string, unknown>), en };
    const orgId = id ?? newId();
    if (!id) await orgs.insertOrganization(trx, actor.tenantId, orgId, data, translations, now);
    else if (changes.length === 0) return { kind: 'saved', id: orgId };
    else if (!(await orgs.writeOrganization(trx, orgId, version, data, translations, now))) return { kind: 'conflict' };
    await repo.recordChanges(trx, actor.tenantId, orgId, changes, actor.userId, now, {
      resourceType: 'organization',
      action: id ? 'update' : 'create',
    });
    if (id && changes.some((c) => c.field === 'name')) await refreshSearch(trx, await orgs.serviceIdsOf(trx, orgId));
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'organization',
      recordId: orgId,
      details: { op: id ? 'organization.update' : 'organization.create', fields: changes.map((c) => c.field) },
    });
    return { kind: 'saved', id: orgId };
  });
}

/**
 * Creates an active service of an organization of the tenant with its Italian name and description; the
 * rest (texts, places, phones, hours) is completed on the edit pages. History: a 'create' metadata row.
 */
export async function createService(ctx: Ctx, f: NewServiceForm): Promise<CreateResult> {
  const actor = await manager(ctx);
  const now = ctx.clock.now();
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const errors: FieldError[] = [];
    const org = /^[0-9a-f-]{36}$/i.test(f.organizationId)
      ? await orgs.organizationForUpdate(trx, f.organizationId)
      : undefined;
    if (!org) errors.push({ field: 'svc-organization', code: f.organizationId ? 'invalid' : 'required' });
    if (!f.name.trim()) errors.push({ field: 'svc-name', code: 'required' });
    else if (f.name.length > 200) errors.push({ field: 'svc-name', code: 'tooLong' });
    if (f.description.length > 4000) errors.push({ field: 'svc-description', code: 'tooLong' });
    if (errors.length || !org) return { kind: 'invalid', errors };
    const id = newId();
    const data: Record<string, unknown> = { name: f.name.trim(), status: 'active' };
    if (f.description.trim()) data.description = f.description.trim();
    await orgs.insertService(trx, actor.tenantId, id, org.id, data, now);
    await repo.recordChanges(
      trx,
      actor.tenantId,
      id,
      [{ field: 'name', before: '', after: f.name.trim() }],
      actor.userId,
      now,
      { action: 'create' },
    );
    await refreshSearch(trx, [id]);
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'service',
      recordId: id,
      details: { op: 'create', organizationId: org.id },
    });
    return { kind: 'saved', id };
  });
}
