import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { MailAttachment } from '../../platform/mail.ts';

export interface NewOutboxRow {
  id: string;
  tenantId: string;
  kind: string;
  dedupeKey: string;
  at: Date;
  recipient: string | null;
  recipientMasked: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  attachments: readonly MailAttachment[] | null;
  status: 'pending' | 'skipped';
  skipReason: 'do_not_contact' | null;
}

/** Inserts one message; false when the tenant already has one with this dedupe key (nothing written). */
export async function insertMessage(db: Executor, m: NewOutboxRow): Promise<boolean> {
  const row = await db
    .insertInto('notification_outbox')
    .values({
      id: m.id,
      tenant_id: m.tenantId,
      kind: m.kind,
      dedupe_key: m.dedupeKey,
      status: m.status,
      skip_reason: m.skipReason,
      recipient: m.recipient,
      recipient_masked: m.recipientMasked,
      subject: m.subject,
      body_text: m.text,
      body_html: m.html,
      attachments: m.attachments ? JSON.stringify(m.attachments) : null,
      next_attempt_at: m.at,
      created_at: m.at,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'dedupe_key']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export interface ClaimedMessage {
  id: string;
  tenant_id: string;
  kind: string;
  attempts: number;
  recipient: string | null;
  subject: string | null;
  body_text: string | null;
  body_html: string | null;
  attachments: unknown;
}

/**
 * Claims up to `batch` due messages for this worker: pending ones whose time has come, and 'sending'
 * ones whose claim expired (a worker died mid-send). `FOR UPDATE SKIP LOCKED` lets two workers claim at
 * once without waiting for or taking each other's rows; the claim (status, lease, attempt) is committed
 * before anything is sent.
 */
export async function claimDue(db: Executor, now: Date, leaseUntil: Date, batch: number): Promise<ClaimedMessage[]> {
  const result = await sql<ClaimedMessage>`
    UPDATE notification_outbox o
       SET status = 'sending', attempts = o.attempts + 1, locked_until = ${leaseUntil}
     WHERE o.id IN (
       SELECT id FROM notification_outbox
        WHERE (status = 'pending' AND next_attempt_at <= ${now})
           OR (status = 'sending' AND locked_until <= ${now})
        ORDER BY next_attempt_at
        LIMIT ${batch}
        FOR UPDATE SKIP LOCKED)
    RETURNING o.id, o.tenant_id, o.kind, o.attempts, o.recipient, o.subject, o.body_text, o.body_html, o.attachments`.execute(
    db,
  );
  return result.rows;
}

const ERASED = {
  recipient: null,
  recipient_masked: null,
  subject: null,
  body_text: null,
  body_html: null,
  attachments: null,
} as const;

/** Sent: the address and the content are erased at once. Only the claim that sent it may mark it. */
export async function markSent(db: Executor, id: string, attempts: number, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('notification_outbox')
    .set({ ...ERASED, status: 'sent', sent_at: at, erased_at: at, locked_until: null, last_error_code: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A failed attempt: back to pending at `retryAt`, or dead when `retryAt` is null. */
export async function markFailed(
  db: Executor,
  id: string,
  attempts: number,
  errorCode: string,
  at: Date,
  retryAt: Date | null,
): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set(
      retryAt
        ? { status: 'pending', next_attempt_at: retryAt, locked_until: null, last_error_code: errorCode }
        : { status: 'dead', dead_at: at, locked_until: null, last_error_code: errorCode },
    )
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempts)
    .execute();
}

/** Dead letters past the retention lose address and content; old finished rows are deleted. */
export async function purge(db: Executor, now: Date, eraseDeadBefore: Date, deleteBefore: Date): Promise<void> {
  await db
    .updateTable('notification_outbox')
    .set({ ...ERASED, erased_at: now })
    .where('status', '=', 'dead')
    .where('erased_at', 'is', null)
    .where('dead_at', '<', eraseDeadBefore)
    .execute();
  await db
    .deleteFrom('notification_outbox')
    .where('status', 'in', ['sent', 'discarded', 'skipped'])
    .where('created_at', '<', deleteBefore)
    .execute();
}

/** Counts per kind and status of one tenant (the admin page). */
export async function countsByKindAndStatus(db: Executor, tenantId: string) {
  return db
    .selectFrom('notification_outbox')
    .select(['kind', 'status', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', tenantId)
    .groupBy(['kind', 'status'])
    .orderBy('kind')
    .execute();
}

/** The tenant's dead letters, newest first: no address and no content, only the masked address. */
export async function deadLetters(db: Executor, tenantId: string, limit = 200) {
  return db
    .selectFrom('notification_outbox')
    .select(['id', 'kind', 'attempts', 'last_error_code', 'recipient_masked', 'created_at', 'dead_at', 'erased_at'])
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'dead')
    .orderBy('dead_at', 'desc')
    .limit(limit)
    .execute();
}

/** A dead letter goes back to the queue for one more attempt now (its content must still be there). */
export async function retryDead(db: Executor, tenantId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('notification_outbox')
    .set({ status: 'pending', next_attempt_at: at, dead_at: null })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .where('erased_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A dead letter is given up: address and content erased, the row kept for the counts. */
export async function discardDead(db: Executor, tenantId: string, id: string, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('notification_outbox')
    .set({ ...ERASED, status: 'discarded', erased_at: at })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
