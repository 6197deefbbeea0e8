import type { Operator } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

const CASEWORK = ['coordinator', 'social_worker'] as const;

/**
 * Referrals (invii). Social workers and coordinators refer and follow up; partner users see and answer
 * only the referrals addressed to their own organization, and only the fields shared with it.
 */
export const referralsPermissions = definePermissions({
  'referral.create': CASEWORK,
  'referral.read': ['coordinator', 'social_worker', 'partner'],
  'referral.list': ['coordinator', 'social_worker', 'partner'],
  'referral.manage': CASEWORK,
  'referral.respond': ['coordinator', 'social_worker', 'partner'],
  'referral.scorecard': ['coordinator'],
  'partner.capacity': ['partner'],
  // Partner accounts and their organization, response deadlines per destination type.
  'referral.settings': ['admin'],
});
export type ReferralAction = keyof typeof referralsPermissions;

export interface ReferralScopeRow {
  created_by: string;
  sending_office_id: string;
  destination_type: string;
  organization_id: string | null;
}

/**
 * Operators reach the referrals they sent and those of their offices; a coordinator with no office
 * reaches every referral of the tenant. A partner reaches only those addressed to their organization
 * and never a draft.
 */
export function mayReach(
  actor: Operator,
  row: ReferralScopeRow & { status: string },
  partnerOrg: string | null,
): boolean {
  if (actor.role === 'partner')
    return (
      partnerOrg !== null &&
      row.destination_type === 'partner' &&
      row.organization_id === partnerOrg &&
      row.status !== 'draft'
    );
  if (actor.role !== 'coordinator' && actor.role !== 'social_worker') return false;
  if (row.created_by === actor.userId) return true;
  if (actor.officeIds.length === 0) return actor.role === 'coordinator';
  return actor.officeIds.includes(row.sending_office_id);
}
