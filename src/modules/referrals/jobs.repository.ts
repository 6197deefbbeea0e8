import type { Executor } from '../../platform/db/database.ts';

/** Referrals waiting for an answer, across tenants (the job runs as the system). */
export async function awaitingAnswer(db: Executor) {
  return db
    .selectFrom('referral')
    .select([
      'id',
      'tenant_id',
      'code',
      'status',
      'version',
      'destination_type',
      'organization_id',
      'sending_office_id',
      'response_due_at',
      'reminded_at',
    ])
    .where('status', 'in', ['sent', 'received'])
    .where('response_due_at', 'is not', null)
    .orderBy('response_due_at')
    .limit(5000)
    .execute();
}

export async function markReminded(db: Executor, id: string, at: Date): Promise<boolean> {
  const res = await db
    .updateTable('referral')
    .set({ reminded_at: at })
    .where('id', '=', id)
    .where('reminded_at', 'is', null)
    .where('status', 'in', ['sent', 'received'])
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function officeEmail(db: Executor, officeId: string): Promise<string | null> {
  const row = await db.selectFrom('office').select('email').where('id', '=', officeId).executeTakeFirst();
  return row?.email ?? null;
}

/** Referrals whose follow-up question is due and not sent; never for drafts or cancelled ones. */
export async function followUpsDue(db: Executor, now: Date) {
  return db
    .selectFrom('referral')
    .select(['id', 'tenant_id', 'person_id'])
    .where('follow_up_due_at', '<=', now)
    .where('follow_up_sent_at', 'is', null)
    .where('follow_up_to', 'is not', null)
    .where('status', 'not in', ['draft', 'cancelled'])
    .limit(5000)
    .execute();
}

/** Marks the question sent with the token's hash; returns the address once, then forgets it. */
export async function claimFollowUp(
  db: Executor,
  id: string,
  now: Date,
  tokenHash: string,
  expiresAt: Date,
): Promise<string | null> {
  const row = await db
    .selectFrom('referral')
    .select('follow_up_to')
    .where('id', '=', id)
    .where('follow_up_sent_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!row?.follow_up_to) return null;
  await db
    .updateTable('referral')
    .set({
      follow_up_sent_at: now,
      follow_up_token_hash: tokenHash,
      follow_up_expires_at: expiresAt,
      follow_up_to: null,
    })
    .where('id', '=', id)
    .execute();
  return row.follow_up_to;
}

/** The referral behind a follow-up token (by its hash), across tenants: the answer page has no login. */
export async function findByTokenHash(db: Executor, tokenHash: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'tenant_id', 'follow_up_expires_at', 'follow_up_answered_at'])
    .where('follow_up_token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

export async function storeAnswer(db: Executor, id: string, answer: string, at: Date): Promise<void> {
  await db
    .updateTable('referral')
    .set({ follow_up_answer: answer, follow_up_answered_at: at })
    .where('id', '=', id)
    .where('follow_up_answered_at', 'is', null)
    .execute();
}
