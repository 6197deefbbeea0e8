import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { isOutcomeOfPerson } from '../access/index.ts';
import { recordEvent } from '../audit/index.ts';
import { getOrganizationSummary } from '../directory/index.ts';
import { getPerson, getPrivacyOverview, type Person } from '../people/index.ts';
import { authorise, type FieldError, historyOf, loadReachable, oneOf, text } from './referrals.access.ts';
import {
  DESTINATION_TYPES,
  INTERNAL_AREAS,
  LEGAL_BASES,
  PUBLIC_BODIES,
  present,
  type ReferralView,
  SHAREABLE_FIELDS,
  URGENCIES,
} from './referrals.model.ts';
import * as repo from './referrals.repository.ts';
import { nextReferralCode } from './settings.repository.ts';
import * as sources from './sources.repository.ts';

export type ReferralResult = { kind: 'ok'; referral: ReferralView } | { kind: 'invalid'; errors: FieldError[] };

export interface CreateReferralInput {
  personId: string;
  officeId?: string | undefined;
  sourceOutcomeId?: string | null | undefined;
  sourceCaseId?: string | null | undefined;
  destinationType: string;
  internalArea?: string | null | undefined;
  publicBody?: string | null | undefined;
  organizationId?: string | null | undefined;
  serviceId?: string | null | undefined;
  reason: string;
  urgency?: string | undefined;
  legalBasis: string;
  consentId?: string | null | undefined;
  sharedFields: string[];
}

const constraintOf = (e: unknown) => (e as { constraint?: string; code?: string }) ?? {};

/** Loads the person through the people module (audited there); undefined if unknown or not openable. */
export async function personOf(ctx: Ctx, personId: string): Promise<Person | undefined> {
  if (!isUuid(personId)) return undefined;
  const r = await getPerson(ctx, personId).catch(() => undefined);
  return r?.kind === 'person' ? r.person : undefined;
}

/** A consent of the person for sharing with a partner, active today (read through the people module). */
export async function consentHolds(ctx: Ctx, personId: string, consentId: string): Promise<boolean> {
  const overview = await getPrivacyOverview(ctx, personId).catch(() => undefined);
  return (
    overview?.consents.some((c) => c.id === consentId && c.purpose === 'share_with_partner' && c.state === 'active') ??
    false
  );
}

/** Creates a draft referral: destination, reason, urgency, the fields to share and the basis for sharing them. */
export async function createReferral(ctx: Ctx, input: CreateReferralInput): Promise<ReferralResult> {
  const actor = await authorise(ctx, 'referral.create');
  const errors: FieldError[] = [];
  const type = oneOf(errors, '/destinationType', input.destinationType, DESTINATION_TYPES);
  const internalArea =
    type === 'internal_area' ? oneOf(errors, '/internalArea', input.internalArea, INTERNAL_AREAS) : null;
  const publicBody = type === 'public_body' ? oneOf(errors, '/publicBody', input.publicBody, PUBLIC_BODIES) : null;
  const organizationId = type === 'partner' ? (input.organizationId ?? null) : null;
  if (type === 'partner' && !organizationId) errors.push({ field: '/organizationId', code: 'required' });
  const reason = text(errors, '/reason', input.reason, { required: true });
  const urgency = oneOf(errors, '/urgency', input.urgency ?? 'ordinary', URGENCIES);
  const legalBasis = oneOf(errors, '/legalBasis', input.legalBasis, LEGAL_BASES);
  const fields = [...new Set(input.sharedFields ?? [])];
  for (const [i, f] of fields.entries())
    if (!(SHAREABLE_FIELDS as readonly string[]).includes(f))
      errors.push({ field: `/sharedFields/${i}`, code: 'notAField' });
  for (const f of [
    'officeId',
    'sourceOutcomeId',
    'sourceCaseId',
    'organizationId',
    'serviceId',
    'consentId',
  ] as const) {
    const v = input[f];
    if (v && !isUuid(v)) errors.push({ field: `/${f}`, code: 'invalid' });
  }
  const officeId = input.officeId ?? actor.officeIds[0];
  if (!officeId) errors.push({ field: '/officeId', code: 'required' });
  else if (actor.officeIds.length > 0 && !actor.officeIds.includes(officeId))
    errors.push({ field: '/officeId', code: 'notYourOffice' });
  const person = await personOf(ctx, input.personId);
  if (!person) errors.push({ field: '/personId', code: 'unknown' });
  const consentId = legalBasis === 'consent' ? (input.consentId ?? null) : null;
  if (legalBasis === 'consent') {
    if (!consentId) errors.push({ field: '/consentId', code: 'required' });
    else if (person && isUuid(consentId) && !(await consentHolds(ctx, person.id, consentId)))
      errors.push({ field: '/consentId', code: 'notAnActiveSharingConsent' });
  }
  if (errors.length > 0 || !type || !reason || !urgency || !legalBasis || !officeId || !person)
    return { kind: 'invalid', errors };
  const id = newId();
  const now = ctx.clock.now();
  try {
    const referral = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<ReferralResult> => {
      if (organizationId && !(await getOrganizationSummary(trx, organizationId)))
        return { kind: 'invalid', errors: [{ field: '/organizationId', code: 'unknown' }] };
      // The outcome or case it starts from must be this person's (the keys only check the tenant).
      const from = input.sourceOutcomeId;
      if (from && !(await isOutcomeOfPerson(trx, actor.tenantId, from, person.id)))
        return { kind: 'invalid', errors: [{ field: '/sourceOutcomeId', code: 'notThisPerson' }] };
      const fromCase = input.sourceCaseId;
      if (fromCase && !(await sources.isCaseOfPerson(trx, actor.tenantId, fromCase, person.id)))
        return { kind: 'invalid', errors: [{ field: '/sourceCaseId', code: 'notThisPerson' }] };
      await repo.insertReferral(trx, {
        id,
        tenant_id: actor.tenantId,
        code: await nextReferralCode(trx, actor.tenantId, now),
        person_id: person.id,
        sending_office_id: officeId,
        created_by: actor.userId,
        created_at: now,
        source_outcome_id: input.sourceOutcomeId ?? null,
        source_case_id: input.sourceCaseId ?? null,
        destination_type: type,
        internal_area: internalArea,
        public_body: publicBody,
        organization_id: organizationId,
        service_id: input.serviceId ?? null,
        reason,
        urgency,
        legal_basis: legalBasis,
        consent_id: consentId,
        shared_fields: fields,
        status_at: now,
      });
      await repo.insertEvent(trx, {
        id: newId(),
        tenant_id: actor.tenantId,
        referral_id: id,
        from_status: null,
        to_status: 'draft',
        at: now,
        by_user: actor.userId,
        by_kind: 'operator',
      });
      const row = await repo.findReferral(trx, actor.tenantId, id);
      if (!row) throw new Error('referral vanished');
      const view = present(row, await historyOf(trx, actor.tenantId, id), false);
      await recordEvent(trx, ctx, {
        action: 'referral.create',
        recordType: 'referral',
        recordId: id,
        details: {
          personId: person.id,
          destinationType: type,
          organizationId,
          legalBasis,
          consentId,
          sharedFields: fields,
        },
      });
      return { kind: 'ok', referral: view };
    });
    return referral;
  } catch (e) {
    const c = constraintOf(e);
    if (c.constraint === 'source_outcome_kind')
      return { kind: 'invalid', errors: [{ field: '/sourceOutcomeId', code: 'notAReferralOutcome' }] };
    if (c.code === '23503') {
      const name = c.constraint ?? '';
      const field = name.includes('service')
        ? '/serviceId'
        : name.includes('case')
          ? '/sourceCaseId'
          : name.includes('office')
            ? '/officeId'
            : '/organizationId';
      return { kind: 'invalid', errors: [{ field, code: 'unknown' }] };
    }
    throw e;
  }
}

/**
 * Reads one referral. An operator sees it whole; a partner only the shared fields (none once the consent
 * they rest on is revoked or expired) and the status; a partner's first reading marks it received.
 */
export async function getReferral(ctx: Ctx, id: string): Promise<ReferralView> {
  const actor = await authorise(ctx, 'referral.read', id);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const loaded = await loadReachable(trx, ctx, actor, 'referral.read', id, actor.role === 'partner');
    let row = loaded.row;
    const partner = actor.role === 'partner';
    if (partner && row.status === 'sent') {
      const now = ctx.clock.now();
      await repo.updateReferral(trx, actor.tenantId, id, row.version, { status: 'received', status_at: now });
      await repo.insertEvent(trx, {
        id: newId(),
        tenant_id: actor.tenantId,
        referral_id: id,
        from_status: 'sent',
        to_status: 'received',
        at: now,
        by_user: actor.userId,
        by_kind: 'partner',
      });
      row = (await repo.findReferral(trx, actor.tenantId, id)) ?? row;
    }
    const view = present(row, await historyOf(trx, actor.tenantId, id), partner);
    await recordEvent(trx, ctx, {
      action: 'referral.read',
      recordType: 'referral',
      recordId: id,
      details: {
        partner,
        fieldsShown: Object.keys(view.shared),
        ...(partner && view.sharingWithdrawn ? { withheld: 'consent-no-longer-valid' } : {}),
      },
    });
    return view;
  });
}
