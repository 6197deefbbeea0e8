import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export const referralColumns = [
  'r.id',
  'r.code',
  'r.person_id',
  'r.sending_office_id',
  'r.created_by',
  'r.created_at',
  'r.source_outcome_id',
  'r.source_case_id',
  'r.destination_type',
  'r.internal_area',
  'r.public_body',
  'r.organization_id',
  'r.service_id',
  'r.reason',
  'r.urgency',
  'r.legal_basis',
  'r.consent_id',
  'r.shared_fields',
  'r.shared_data',
  'r.status',
  'r.status_at',
  'r.sent_at',
  'r.responded_at',
  'r.response_due_at',
  'r.reminded_at',
  'r.escalated_at',
  'r.decline_reason',
  'r.outcome',
  'r.cancel_reason',
  'r.follow_up_due_at',
  'r.follow_up_sent_at',
  'r.follow_up_answer',
  'r.follow_up_answered_at',
  'r.version',
] as const;

function selectReferrals(db: Executor, tenantId: string) {
  return db
    .selectFrom('referral as r')
    .select(referralColumns)
    .select(
      sql<boolean>`(r.consent_id IS NULL OR EXISTS (SELECT 1 FROM consent c WHERE c.id = r.consent_id
        AND c.revoked_on IS NULL AND (c.expires_on IS NULL OR c.expires_on >= (now() AT TIME ZONE 'Europe/Rome')::date)))`.as(
        'sharing_allowed',
      ),
    )
    .where('r.tenant_id', '=', tenantId);
}

export type ReferralRow = Awaited<ReturnType<ReturnType<typeof selectReferrals>['executeTakeFirstOrThrow']>>;

export async function findReferral(db: Executor, tenantId: string, id: string, lock = false) {
  if (lock) await db.selectFrom('referral').select('id').where('id', '=', id).forUpdate().execute();
  return selectReferrals(db, tenantId).where('r.id', '=', id).executeTakeFirst();
}

export type ReferralInsert = {
  id: string;
  tenant_id: string;
  code: string;
  person_id: string;
  sending_office_id: string;
  created_by: string;
  created_at: Date;
  source_outcome_id: string | null;
  source_case_id: string | null;
  destination_type: string;
  internal_area: string | null;
  public_body: string | null;
  organization_id: string | null;
  service_id: string | null;
  reason: string;
  urgency: string;
  legal_basis: string;
  consent_id: string | null;
  shared_fields: string[];
  status_at: Date;
};

export async function insertReferral(db: Executor, row: ReferralInsert): Promise<void> {
  await db
    .insertInto('referral')
    .values({ ...row, status: 'draft' })
    .execute();
}

export type ReferralChanges = Partial<{
  status: string;
  status_at: Date;
  sent_at: Date;
  responded_at: Date;
  response_due_at: Date;
  reminded_at: Date;
  escalated_at: Date;
  decline_reason: string;
  outcome: string;
  cancel_reason: string;
  shared_data: string;
  follow_up_due_at: Date | null;
  follow_up_to: string | null;
}>;

/** Changes a referral only at the version read; false = someone changed it meanwhile. */
export async function updateReferral(
  db: Executor,
  tenantId: string,
  id: string,
  version: number,
  changes: ReferralChanges,
) {
  const res = await db
    .updateTable('referral')
    .set({ ...changes, version: sql`version + 1` })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertEvent(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    referral_id: string;
    from_status: string | null;
    to_status: string;
    at: Date;
    by_user: string | null;
    by_kind: 'operator' | 'partner' | 'system' | 'person';
    reason_code?: string | null;
    note?: string | null;
  },
): Promise<void> {
  await db.insertInto('referral_event').values(row).execute();
}

export async function listEvents(db: Executor, tenantId: string, referralId: string) {
  return db
    .selectFrom('referral_event')
    .select(['id', 'from_status', 'to_status', 'at', 'by_user', 'by_kind', 'reason_code', 'note'])
    .where('tenant_id', '=', tenantId)
    .where('referral_id', '=', referralId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function partnerOrganization(db: Executor, tenantId: string, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('partner_user')
    .select('organization_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.organization_id ?? null;
}

export async function linkPartnerUser(db: Executor, tenantId: string, userId: string, organizationId: string) {
  await db
    .insertInto('partner_user')
    .values({ tenant_id: tenantId, user_id: userId, organization_id: organizationId })
    .onConflict((oc) => oc.columns(['tenant_id', 'user_id']).doUpdateSet({ organization_id: organizationId }))
    .execute();
}

export type WorklistView = 'mine' | 'team' | 'action' | 'overdue' | 'inbox';

export interface WorklistScope {
  view: WorklistView;
  userId: string;
  officeIds: readonly string[] | 'all';
  organizationId?: string | null;
  now: Date;
  soon: Date;
  personId?: string | undefined;
}

export async function listReferrals(db: Executor, tenantId: string, s: WorklistScope) {
  let q = selectReferrals(db, tenantId);
  if (s.personId) q = q.where('r.person_id', '=', s.personId);
  if (s.view === 'inbox')
    q = q.where('r.organization_id', '=', s.organizationId ?? null).where('r.status', '<>', 'draft');
  else {
    // Operators: their own, plus those of their offices.
    const offices = s.officeIds;
    if (s.view === 'mine') q = q.where('r.created_by', '=', s.userId);
    else if (offices !== 'all')
      q = q.where((eb) =>
        eb.or([
          eb('r.created_by', '=', s.userId),
          ...(offices.length > 0 ? [eb('r.sending_office_id', 'in', offices)] : []),
        ]),
      );
  }
  if (s.view === 'action')
    q = q.where((eb) =>
      eb.or([
        eb('r.status', 'in', ['draft', 'declined', 'expired']),
        eb.and([eb('r.status', 'in', ['sent', 'received']), eb('r.destination_type', '<>', 'partner')]),
        eb.and([eb('r.status', 'in', ['sent', 'received']), eb('r.response_due_at', '<=', s.soon)]),
      ]),
    );
  if (s.view === 'overdue')
    q = q.where((eb) =>
      eb.or([
        eb('r.status', '=', 'expired'),
        eb.and([eb('r.status', 'in', ['sent', 'received']), eb('r.response_due_at', '<', s.now)]),
      ]),
    );
  return q.orderBy('r.status_at', 'desc').limit(500).execute();
}
