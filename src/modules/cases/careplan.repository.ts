import type { Executor } from '../../platform/db/database.ts';

export interface PlanGoal {
  text: string;
}
export interface PlanAction {
  service: string;
  owner: string;
  from: string;
  to: string | null;
}

export async function currentPlan(db: Executor, tenantId: string, caseId: string) {
  return db
    .selectFrom('care_plan')
    .select(['id', 'version', 'kind', 'goals', 'actions', 'agreed_on', 'created_by', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listPlanVersions(db: Executor, tenantId: string, caseId: string) {
  return db
    .selectFrom('care_plan')
    .select(['id', 'version', 'kind', 'agreed_on', 'created_by', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('version')
    .execute();
}

export async function insertPlan(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    case_id: string;
    version: number;
    kind: string;
    goals: PlanGoal[];
    actions: PlanAction[];
    agreed_on: string | null;
    created_by: string;
    created_at: Date;
  },
): Promise<void> {
  await db
    .insertInto('care_plan')
    .values({ ...row, goals: JSON.stringify(row.goals), actions: JSON.stringify(row.actions) })
    .execute();
}

export async function listReviews(db: Executor, tenantId: string, caseId: string) {
  return db
    .selectFrom('care_plan_review')
    .select(['id', 'kind', 'due_on', 'done_on', 'outcome', 'note', 'recorded_by'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
}

export async function insertReviews(
  db: Executor,
  rows: { id: string; tenant_id: string; case_id: string; kind: string; due_on: string }[],
): Promise<void> {
  if (rows.length > 0) await db.insertInto('care_plan_review').values(rows).execute();
}

export async function completeReview(
  db: Executor,
  tenantId: string,
  caseId: string,
  reviewId: string,
  values: { done_on: string; outcome: string; note: string | null; recorded_by: string },
): Promise<boolean> {
  const res = await db
    .updateTable('care_plan_review')
    .set(values)
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('id', '=', reviewId)
    .where('done_on', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Reviews and checks due before `today` and not done, of the given cases (or all open cases). */
export async function overdueReviews(db: Executor, tenantId: string, today: string, workerId?: string) {
  let q = db
    .selectFrom('care_plan_review as r')
    .innerJoin('social_case as c', 'c.id', 'r.case_id')
    .select(['r.id', 'r.case_id', 'r.kind', 'r.due_on', 'c.code', 'c.responsible_worker_id'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.done_on', 'is', null)
    .where('r.due_on', '<', today)
    .where('c.status', 'in', ['open', 'suspended']);
  if (workerId) q = q.where('c.responsible_worker_id', '=', workerId);
  return q.orderBy('r.due_on').limit(500).execute();
}

export async function insertDiaryEntry(
  db: Executor,
  row: {
    id: string;
    tenant_id: string;
    case_id: string;
    written_by: string;
    written_at: Date;
    note: string;
    confidential: boolean;
  },
): Promise<void> {
  await db.insertInto('case_diary_entry').values(row).execute();
}

export async function listDiary(db: Executor, tenantId: string, caseId: string) {
  return db
    .selectFrom('case_diary_entry')
    .select(['id', 'written_by', 'written_at', 'note', 'confidential'])
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .orderBy('written_at')
    .orderBy('id')
    .execute();
}
