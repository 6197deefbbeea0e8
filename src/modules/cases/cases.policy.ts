import type { Operator } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

/** The second level: social workers and the coordinators who decide on proposals and oversee caseloads. */
const CASEWORK = ['coordinator', 'social_worker'] as const;

/**
 * Taking charge (presa in carico). A case holds evaluative personal data, so only social workers and
 * coordinators reach it; partners, researchers, auditors, administrators and the front desk never do.
 */
export const casesPermissions = definePermissions({
  'case.propose': CASEWORK,
  'case.decide': ['coordinator'],
  'case.read': CASEWORK,
  'case.list': CASEWORK,
  'case.manage': CASEWORK,
  'care_plan.write': CASEWORK,
  'case.diary_write': CASEWORK,
});
export type CaseAction = keyof typeof casesPermissions;

export interface CaseScopeRow {
  proposed_by: string;
  responsible_worker_id: string | null;
  team: readonly string[];
}

/**
 * Who reaches a case: a coordinator reaches every case of the tenant (the area coordinator decides and
 * oversees); a social worker reaches the cases they are responsible for, on whose team they are, or
 * that they proposed (to follow the decision).
 */
export function mayReachCase(actor: Operator, row: CaseScopeRow): boolean {
  if (actor.role === 'coordinator') return true;
  if (actor.role !== 'social_worker') return false;
  return (
    row.responsible_worker_id === actor.userId || row.team.includes(actor.userId) || row.proposed_by === actor.userId
  );
}

/** Who changes a case (status, transfer, plan, diary): the coordinator, the responsible worker, the team. */
export function mayWorkOnCase(actor: Operator, row: CaseScopeRow): boolean {
  if (actor.role === 'coordinator') return true;
  return (
    actor.role === 'social_worker' && (row.responsible_worker_id === actor.userId || row.team.includes(actor.userId))
  );
}
