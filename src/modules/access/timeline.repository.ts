import type { Executor } from '../../platform/db/database.ts';

/** The accesses a person was concerned in, newest first, within the offices given. */
export async function accessesOfPerson(
  db: Executor,
  tenantId: string,
  personId: string,
  offices: 'all' | readonly string[],
  limit = 100,
) {
  if (offices !== 'all' && offices.length === 0) return [];
  let query = db
    .selectFrom('access as a')
    .innerJoin('access_person as p', (j) => j.onRef('p.access_id', '=', 'a.id').on('p.person_id', '=', personId))
    .select(['a.id', 'a.code', 'a.office_id', 'a.occurred_at', 'a.channel', 'a.urgency', 'a.status'])
    .where('a.tenant_id', '=', tenantId);
  if (offices !== 'all') query = query.where('a.office_id', 'in', [...offices]);
  return query.orderBy('a.occurred_at', 'desc').orderBy('a.id').limit(limit).execute();
}

export async function requestsOfAccesses(db: Executor, tenantId: string, accessIds: string[]) {
  if (accessIds.length === 0) return [];
  return db
    .selectFrom('access_request as r')
    .innerJoin('need_area as n', 'n.id', 'r.need_area_id')
    .select(['r.id', 'r.access_id', 'n.label_it', 'n.label_en'])
    .where('r.tenant_id', '=', tenantId)
    .where('r.access_id', 'in', accessIds)
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/** Outcome kinds and coded reasons only: their free-text detail stays on the access page. */
export async function outcomesOfAccesses(db: Executor, tenantId: string, accessIds: string[]) {
  if (accessIds.length === 0) return [];
  return db
    .selectFrom('outcome as o')
    .innerJoin('access_request as r', 'r.id', 'o.request_id')
    .select(['o.id', 'o.request_id', 'o.kind', 'o.reason_code', 'o.recorded_at'])
    .where('o.tenant_id', '=', tenantId)
    .where('r.access_id', 'in', accessIds)
    .orderBy('o.recorded_at')
    .orderBy('o.id')
    .execute();
}

/** Interviews of the accesses; the confidential summary is selected only when the reader may see it. */
export async function interviewsOfAccesses(db: Executor, tenantId: string, accessIds: string[], withSummary: boolean) {
  if (accessIds.length === 0) return [];
  const rows = await db
    .selectFrom('interview as i')
    .leftJoin('app_user as u', 'u.id', 'i.conducted_by')
    .select([
      'i.id',
      'i.access_id',
      'i.kind',
      'i.started_at',
      'i.duration_minutes',
      'u.display_name as conducted_by_name',
      'i.confidential_summary',
    ])
    .where('i.tenant_id', '=', tenantId)
    .where('i.access_id', 'in', accessIds)
    .orderBy('i.started_at')
    .orderBy('i.id')
    .execute();
  return rows.map(({ confidential_summary, ...r }) => ({
    ...r,
    confidential_summary: withSummary ? confidential_summary : null,
  }));
}
