import type { Executor } from '../../platform/db/database.ts';
import * as plans from './careplan.repository.ts';
import type { CaseRow } from './cases.repository.ts';
import * as repo from './cases.repository.ts';

export const CASE_AREAS = ['minors_families', 'adults', 'elderly', 'disability'] as const;
export type CaseArea = (typeof CASE_AREAS)[number];
export const CASE_STATUSES = ['proposed', 'declined', 'open', 'suspended', 'closed'] as const;
export const CLOSE_REASONS = [
  'goals_met',
  'moved_away',
  'person_withdrew',
  'transferred_elsewhere',
  'deceased',
  'other',
] as const;
export const URGENCIES = ['immediate', 'within_days', 'ordinary'] as const;

export interface CaseSummary {
  id: string;
  code: string;
  personId: string;
  area: string;
  status: string;
  urgency: string;
  responsibleWorkerId: string | null;
  proposedAt: string;
  decidedAt: string | null;
  /** Hours from proposal to decision (tracked for the second level's response time). */
  decisionHours: number | null;
  version: number;
}

export interface CaseView extends CaseSummary {
  householdId: string | null;
  reasons: string;
  assessment: string | null;
  sourceOutcomeId: string | null;
  proposingOfficeId: string;
  proposedBy: string;
  decidedBy: string | null;
  declineReasons: string | null;
  closedReasonCode: string | null;
  closedAt: string | null;
  team: string[];
  history: {
    kind: string;
    at: string;
    byUser: string;
    fromWorkerId: string | null;
    toWorkerId: string | null;
    fromArea: string | null;
    toArea: string | null;
    reasonCode: string | null;
    note: string | null;
  }[];
  plan: {
    version: number;
    kind: string;
    goals: plans.PlanGoal[];
    actions: plans.PlanAction[];
    agreedOn: string | null;
    createdAt: string;
  } | null;
  planVersions: { version: number; kind: string; agreedOn: string | null; createdAt: string }[];
  reviews: {
    id: string;
    kind: string;
    dueOn: string;
    doneOn: string | null;
    outcome: string | null;
    note: string | null;
    overdue: boolean;
  }[];
  diary: { id: string; writtenBy: string; writtenAt: string; note: string; confidential: boolean }[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | string | null): string | null =>
  d === null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

export function summary(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    code: row.code,
    personId: row.person_id,
    area: row.area,
    status: row.status,
    urgency: row.urgency,
    responsibleWorkerId: row.responsible_worker_id,
    proposedAt: row.proposed_at.toISOString(),
    decidedAt: iso(row.decided_at),
    decisionHours: row.decided_at
      ? Math.round(((row.decided_at.getTime() - row.proposed_at.getTime()) / 36e5) * 10) / 10
      : null,
    version: row.version,
  };
}

/** The whole case as its reader may see it; confidential diary entries only when `seeConfidential`. */
export async function loadCaseView(
  db: Executor,
  tenantId: string,
  row: CaseRow,
  today: string,
  seeConfidential: boolean,
): Promise<CaseView> {
  const [history, plan, versions, reviews, diary] = await Promise.all([
    repo.listEvents(db, tenantId, row.id),
    plans.currentPlan(db, tenantId, row.id),
    plans.listPlanVersions(db, tenantId, row.id),
    plans.listReviews(db, tenantId, row.id),
    plans.listDiary(db, tenantId, row.id),
  ]);
  return {
    ...summary(row),
    householdId: row.household_id,
    reasons: row.reasons,
    assessment: row.assessment,
    sourceOutcomeId: row.source_outcome_id,
    proposingOfficeId: row.proposing_office_id,
    proposedBy: row.proposed_by,
    decidedBy: row.decided_by,
    declineReasons: row.decline_reasons,
    closedReasonCode: row.closed_reason_code,
    closedAt: iso(row.closed_at),
    team: row.team,
    history: history.map((e) => ({
      kind: e.kind,
      at: e.at.toISOString(),
      byUser: e.by_user,
      fromWorkerId: e.from_worker_id,
      toWorkerId: e.to_worker_id,
      fromArea: e.from_area,
      toArea: e.to_area,
      reasonCode: e.reason_code,
      note: e.note,
    })),
    plan: plan
      ? {
          version: plan.version,
          kind: plan.kind,
          goals: plan.goals as unknown as plans.PlanGoal[],
          actions: plan.actions as unknown as plans.PlanAction[],
          agreedOn: day(plan.agreed_on),
          createdAt: plan.created_at.toISOString(),
        }
      : null,
    planVersions: versions.map((v) => ({
      version: v.version,
      kind: v.kind,
      agreedOn: day(v.agreed_on),
      createdAt: v.created_at.toISOString(),
    })),
    reviews: reviews.map((r) => {
      const dueOn = day(r.due_on) as string;
      return {
        id: r.id,
        kind: r.kind,
        dueOn,
        doneOn: day(r.done_on),
        outcome: r.outcome,
        note: r.note,
        overdue: r.done_on === null && dueOn < today,
      };
    }),
    diary: diary
      .filter((d) => seeConfidential || !d.confidential)
      .map((d) => ({
        id: d.id,
        writtenBy: d.written_by,
        writtenAt: d.written_at.toISOString(),
        note: d.note,
        confidential: d.confidential,
      })),
  };
}
