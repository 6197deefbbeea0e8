import type { Executor } from '../../platform/db/database.ts';

export interface AccessStateRow {
  id: string;
  office_id: string;
  status: string;
  version: number;
  help_at_first_interview: boolean | null;
}

/** The access, locked for the rest of the transaction (interviews, outcomes and closing serialise on it). */
export async function lockAccess(
  db: Executor,
  tenantId: string,
  accessId: string,
): Promise<AccessStateRow | undefined> {
  return db
    .selectFrom('access')
    .select(['id', 'office_id', 'status', 'version', 'help_at_first_interview'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accessId)
    .forUpdate()
    .executeTakeFirst();
}

export async function findAccess(
  db: Executor,
  tenantId: string,
  accessId: string,
): Promise<AccessStateRow | undefined> {
  return db
    .selectFrom('access')
    .select(['id', 'office_id', 'status', 'version', 'help_at_first_interview'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', accessId)
    .executeTakeFirst();
}

export async function countInterviews(db: Executor, tenantId: string, accessId: string): Promise<number> {
  const row = await db
    .selectFrom('interview')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .where('access_id', '=', accessId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertInterview(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    accessId: string;
    kind: 'immediate' | 'booked';
    conductedBy: string;
    startedAt: Date;
    durationMinutes: number | null;
    questionnaireVersionId: string | null;
    answers: Record<string, unknown>;
    confidentialSummary: string | null;
  },
): Promise<void> {
  await db
    .insertInto('interview')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      access_id: row.accessId,
      kind: row.kind,
      conducted_by: row.conductedBy,
      started_at: row.startedAt,
      duration_minutes: row.durationMinutes,
      questionnaire_version_id: row.questionnaireVersionId,
      answers: JSON.stringify(row.answers),
      confidential_summary: row.confidentialSummary,
    })
    .execute();
}

/** Moves the access on (status, help at first interview); optimistic on `version`. False when stale. */
export async function updateAccessState(
  db: Executor,
  tenantId: string,
  access: AccessStateRow,
  change: { status: string; helpAtFirstInterview?: boolean; closedAt?: Date },
): Promise<boolean> {
  const result = await db
    .updateTable('access')
    .set({
      status: change.status,
      version: access.version + 1,
      ...(change.helpAtFirstInterview !== undefined ? { help_at_first_interview: change.helpAtFirstInterview } : {}),
      ...(change.closedAt ? { closed_at: change.closedAt } : {}),
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', access.id)
    .where('version', '=', access.version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export interface InterviewRow {
  id: string;
  kind: string;
  conducted_by: string;
  conducted_by_name: string | null;
  started_at: Date;
  duration_minutes: number | null;
  questionnaire_version_id: string | null;
  questionnaire_code: string | null;
  questionnaire_version: number | null;
  answers: unknown;
  confidential_summary: string | null;
  created_at: Date;
}

export async function listInterviews(db: Executor, tenantId: string, accessId: string): Promise<InterviewRow[]> {
  return db
    .selectFrom('interview as i')
    .leftJoin('questionnaire_version as q', 'q.id', 'i.questionnaire_version_id')
    .leftJoin('app_user as u', 'u.id', 'i.conducted_by')
    .select([
      'i.id',
      'i.kind',
      'i.conducted_by',
      'u.display_name as conducted_by_name',
      'i.started_at',
      'i.duration_minutes',
      'i.questionnaire_version_id',
      'q.code as questionnaire_code',
      'q.version as questionnaire_version',
      'i.answers',
      'i.confidential_summary',
      'i.created_at',
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.access_id', '=', accessId)
    .orderBy('i.started_at')
    .orderBy('i.id')
    .execute();
}
