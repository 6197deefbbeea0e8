import type { Executor } from '../../platform/db/database.ts';

export async function insertFeedback(
  db: Executor,
  f: { id: string; tenantId: string; page: string; rating: number; createdAt: Date },
) {
  await db
    .insertInto('feedback')
    .values({ id: f.id, tenant_id: f.tenantId, page: f.page, rating: f.rating, created_at: f.createdAt })
    .execute();
}

/** Adds the follow-up answer once, within an hour of the rating. */
export async function addFeedbackDetail(
  db: Executor,
  f: { id: string; aspect: string | null; comment: string | null; notBefore: Date },
) {
  const r = await db
    .updateTable('feedback')
    .set({ aspect: f.aspect, comment: f.comment })
    .where('id', '=', f.id)
    .where('aspect', 'is', null)
    .where('comment', 'is', null)
    .where('created_at', '>=', f.notBefore)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function feedbackSummary(db: Executor, tenantId: string) {
  return db
    .selectFrom('feedback')
    .select(({ fn }) => ['page', 'rating', fn.countAll<string>().as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['page', 'rating'])
    .orderBy('page')
    .orderBy('rating')
    .execute();
}
