import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { DEFAULT_DEADLINES } from './referrals.model.ts';

/** INV-YYYY-NNNNNN: the reference a partner notification carries instead of any personal data. */
export async function nextReferralCode(db: Executor, tenantId: string, at: Date): Promise<string> {
  const year = Number(romeWeekdayAndTime(at).date.slice(0, 4));
  const row = await db
    .insertInto('referral_code_counter')
    .values({ tenant_id: tenantId, kind: 'INV', year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'kind', 'year']).doUpdateSet({ last: sql`referral_code_counter.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return `INV-${year}-${String(row.last).padStart(6, '0')}`;
}

export interface Deadlines {
  responseDays: number;
  remindDaysBefore: number;
  followUpDays: number;
}

/** The tenant's deadlines for a destination type, or the defaults. */
export async function deadlinesFor(
  db: Executor,
  tenantId: string,
  type: keyof typeof DEFAULT_DEADLINES,
): Promise<Deadlines> {
  const row = await db
    .selectFrom('referral_deadline_setting')
    .select(['response_days', 'remind_days_before', 'follow_up_days'])
    .where('tenant_id', '=', tenantId)
    .where('destination_type', '=', type)
    .executeTakeFirst();
  return row
    ? { responseDays: row.response_days, remindDaysBefore: row.remind_days_before, followUpDays: row.follow_up_days }
    : DEFAULT_DEADLINES[type];
}

export async function setDeadlines(db: Executor, tenantId: string, type: string, d: Deadlines): Promise<void> {
  const values = {
    response_days: d.responseDays,
    remind_days_before: d.remindDaysBefore,
    follow_up_days: d.followUpDays,
  };
  await db
    .insertInto('referral_deadline_setting')
    .values({ tenant_id: tenantId, destination_type: type, ...values })
    .onConflict((oc) => oc.columns(['tenant_id', 'destination_type']).doUpdateSet(values))
    .execute();
}

export async function setCapacity(
  db: Executor,
  tenantId: string,
  organizationId: string,
  status: string,
  by: string,
  at: Date,
) {
  await db
    .insertInto('partner_capacity')
    .values({ tenant_id: tenantId, organization_id: organizationId, status, updated_by: by, updated_at: at })
    .onConflict((oc) =>
      oc.columns(['tenant_id', 'organization_id']).doUpdateSet({ status, updated_by: by, updated_at: at }),
    )
    .execute();
}

export async function capacities(db: Executor, tenantId: string) {
  return db
    .selectFrom('partner_capacity')
    .select(['organization_id', 'status', 'updated_at'])
    .where('tenant_id', '=', tenantId)
    .execute();
}

/** Per partner organization: referrals sent, answered, accepted, completed, and response hours. */
export async function scorecards(db: Executor, tenantId: string, since: Date) {
  return db
    .selectFrom('referral')
    .select([
      'organization_id',
      sql<number>`count(*)::int`.as('sent'),
      sql<number>`count(responded_at)::int`.as('answered'),
      sql<number>`count(*) FILTER (WHERE status IN ('accepted', 'in_progress', 'completed'))::int`.as('accepted'),
      sql<number>`count(*) FILTER (WHERE status = 'declined')::int`.as('declined'),
      sql<number>`count(*) FILTER (WHERE status = 'expired')::int`.as('expired'),
      sql<number>`count(*) FILTER (WHERE status = 'completed')::int`.as('completed'),
      sql<
        number | null
      >`round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM responded_at - sent_at) / 3600))::numeric, 1)::float8`.as(
        'median_response_hours',
      ),
    ])
    .where('tenant_id', '=', tenantId)
    .where('destination_type', '=', 'partner')
    .where('sent_at', '>=', since)
    .groupBy('organization_id')
    .execute();
}
