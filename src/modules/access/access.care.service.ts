import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { accessPermissions, inOfficeScope } from './access.policy.ts';
import * as repo from './access.repository.ts';
import { BARRIERS, DOCUMENTS, MANDATED_BY } from './access.validation.ts';

export interface CareFactsInput {
  /** The access version the form was read at (a stale save is 409). */
  version: number;
  documentsDemanded: string[];
  barriers: string[];
  conditionsImposed: string | null;
  mandatedBy: string;
}

export type CareFactsResult = { kind: 'saved' } | { kind: 'invalid'; errors: { field: string; code: string }[] };

const oneOf = (list: readonly string[], v: string) => list.includes(v);

/**
 * Records the care/control facts of an access after registration (documents demanded before any
 * help, barriers met, conditions imposed, mandate by an authority): plain facts for the indicators of
 * docs/INDICATORS.md. Front-door roles of the access's office (the `access.register` permission);
 * optimistic on the access version; audited with codes only (never the free-text conditions).
 */
export async function recordCareFacts(ctx: Ctx, accessId: string, input: CareFactsInput): Promise<CareFactsResult> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'access.register')) {
    await recordDenied(ctx, { action: 'access.register', recordType: 'access', recordId: accessId.slice(0, 64) });
    throw new Forbidden('access.register');
  }
  const errors: { field: string; code: string }[] = [];
  input.documentsDemanded.forEach((d, i) => {
    if (!oneOf(DOCUMENTS, d)) errors.push({ field: `documentsDemanded.${i}`, code: 'invalid' });
  });
  input.barriers.forEach((b, i) => {
    if (!oneOf(BARRIERS, b)) errors.push({ field: `barriers.${i}`, code: 'invalid' });
  });
  if (!oneOf(MANDATED_BY, input.mandatedBy)) errors.push({ field: 'mandatedBy', code: 'invalid' });
  if ((input.conditionsImposed ?? '').length > 2000) errors.push({ field: 'conditionsImposed', code: 'tooLong' });
  if (errors.length > 0) return { kind: 'invalid', errors };
  const outcome = isUuid(accessId)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const row = await repo.findAccess(trx, actor.tenantId, accessId);
        if (!row) return 'not-found' as const;
        if (!inOfficeScope(actor, row.office_id)) return 'other-office' as const;
        const documents = [...new Set(input.documentsDemanded)];
        const barriers = [...new Set(input.barriers)];
        const saved = await repo.updateAccessTriage(trx, actor.tenantId, accessId, input.version, {
          status: row.status,
          closed_at: row.closed_at,
          urgency: row.urgency,
          urgency_reason: row.urgency_reason,
          pronto_intervento: row.pronto_intervento,
          documents_demanded: documents,
          barriers,
          conditions_imposed: input.conditionsImposed?.trim() || null,
          mandated_by: input.mandatedBy,
        });
        if (!saved) throw new DomainError(409, 'stale-version', 'The access changed meanwhile; reload it');
        await recordEvent(trx, ctx, {
          action: 'access.care_facts',
          recordType: 'access',
          recordId: accessId,
          details: {
            documentsDemanded: documents,
            barriers,
            conditionsImposed: Boolean(input.conditionsImposed?.trim()),
            mandatedBy: input.mandatedBy,
          },
        });
        return 'saved' as const;
      })
    : ('not-found' as const);
  if (outcome === 'saved') return { kind: 'saved' };
  await recordDenied(ctx, {
    action: 'access.register',
    recordType: 'access',
    recordId: accessId.slice(0, 64),
    details: { reason: outcome },
  });
  if (outcome === 'other-office') throw new Forbidden('access.register');
  throw new NotFound('access');
}
