import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface ListQuery {
  offices: 'all' | readonly string[];
  day?: string;
  awaitingInterview?: boolean;
  openFor?: string;
  officeId?: string;
  channel?: string;
  needAreaCode?: string;
  from?: string;
  to?: string;
  oldestFirst?: boolean;
  limit: number;
}

/** Working lists: urgent first, then by time; each row with counts and need-area codes, no free text. */
export async function listAccessRows(db: Executor, tenantId: string, q: ListQuery) {
  if (q.offices !== 'all' && q.offices.length === 0) return [];
  let query = db
    .selectFrom('access as a')
    .select([
      'a.id',
      'a.code',
      'a.office_id',
      'a.access_day',
      'a.occurred_at',
      'a.channel',
      'a.urgency',
      'a.pronto_intervento',
      'a.status',
      'a.registered_by',
      sql<number>`(SELECT count(*) FROM access_person p WHERE p.access_id = a.id AND p.person_id IS NOT NULL)::int`.as(
        'person_count',
      ),
      sql<boolean>`EXISTS (SELECT 1 FROM access_person p WHERE p.access_id = a.id AND p.person_id IS NULL)`.as(
        'anonymous',
      ),
      sql<number>`(SELECT count(*) FROM access_request r WHERE r.access_id = a.id)::int`.as('request_count'),
      sql<string[]>`ARRAY(SELECT DISTINCT n.code FROM access_request r JOIN need_area n ON n.id = r.need_area_id
        WHERE r.access_id = a.id ORDER BY n.code)`.as('need_area_codes'),
    ])
    .where('a.tenant_id', '=', tenantId);
  if (q.offices !== 'all') query = query.where('a.office_id', 'in', [...q.offices]);
  if (q.officeId) query = query.where('a.office_id', '=', q.officeId);
  if (q.day) query = query.where('a.access_day', '=', q.day);
  if (q.from) query = query.where('a.access_day', '>=', q.from);
  if (q.to) query = query.where('a.access_day', '<=', q.to);
  if (q.channel) query = query.where('a.channel', '=', q.channel);
  if (q.awaitingInterview) query = query.where('a.status', '=', 'waiting');
  if (q.openFor) {
    const me = q.openFor;
    query = query
      .where('a.status', '<>', 'closed')
      .where((eb) =>
        eb.or([
          eb('a.registered_by', '=', me),
          eb.exists(
            eb
              .selectFrom('interview as i')
              .select('i.id')
              .whereRef('i.access_id', '=', 'a.id')
              .where('i.conducted_by', '=', me),
          ),
        ]),
      );
  }
  if (q.needAreaCode) {
    const code = q.needAreaCode;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('access_request as r')
          .innerJoin('need_area as n', 'n.id', 'r.need_area_id')
          .select('r.id')
          .whereRef('r.access_id', '=', 'a.id')
          .where('n.code', '=', code),
      ),
    );
  }
  const urgencyRank = sql`CASE a.urgency WHEN 'immediate' THEN 0 WHEN 'within_days' THEN 1 ELSE 2 END`;
  return query
    .orderBy(urgencyRank)
    .orderBy('a.occurred_at', q.oldestFirst ? 'asc' : 'desc')
    .orderBy('a.id')
    .limit(q.limit)
    .execute();
}
