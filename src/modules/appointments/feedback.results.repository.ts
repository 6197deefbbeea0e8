import type { Executor } from '../../platform/db/database.ts';

export interface Period {
  from: Date;
  to: Date;
}

/** Ratings per page and star (the widget's `page` key names the page or flow). */
export async function starCounts(db: Executor, tenantId: string, p: Period) {
  return db
    .selectFrom('feedback')
    .select(({ fn }) => ['page', 'rating', fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .groupBy(['page', 'rating'])
    .orderBy('page')
    .orderBy('rating')
    .execute();
}

/** Follow-up answers by page, side (1–3 stars: difficulties; 4–5: what was liked) and aspect code. */
export async function aspectCounts(db: Executor, tenantId: string, p: Period) {
  return db
    .selectFrom('feedback')
    .select(({ fn, eb }) => [
      'page',
      eb.case().when('rating', '<=', 3).then('negative').else('positive').end().as('side'),
      'aspect',
      fn.countAll<string>().as('n'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('aspect', 'is not', null)
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .groupBy(['page', 'side', 'aspect'])
    .orderBy('page')
    .orderBy('side')
    .orderBy('aspect')
    .execute();
}

/** The free texts, newest first (anonymous: no id or time beyond the day is shown). */
export async function comments(db: Executor, tenantId: string, p: Period, limit: number) {
  return db
    .selectFrom('feedback')
    .select(['page', 'rating', 'aspect', 'comment', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('comment', 'is not', null)
    .where('comment', '<>', '')
    .where('created_at', '>=', p.from)
    .where('created_at', '<', p.to)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
