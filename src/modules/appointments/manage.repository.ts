import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export async function findByCodeAndEmail(db: Executor, tenantId: string, code: string, email: string) {
  return db
    .selectFrom('appointment')
    .select(['id', 'status', 'applicant_email', 'language'])
    .where('tenant_id', '=', tenantId)
    .where('code', '=', code)
    .where(sql<boolean>`lower(applicant_email) = lower(${email})`)
    .executeTakeFirst();
}

export async function insertVerification(
  db: Executor,
  v: { id: string; tenantId: string; appointmentId: string; codeHash: string; expiresAt: Date; createdAt: Date },
) {
  await db
    .insertInto('appointment_verification')
    .values({
      id: v.id,
      tenant_id: v.tenantId,
      appointment_id: v.appointmentId,
      code_hash: v.codeHash,
      expires_at: v.expiresAt,
      created_at: v.createdAt,
    })
    .execute();
}

/** Recent verification requests of a booking, to limit how many codes one booking can be sent. */
export async function countRecentVerifications(db: Executor, appointmentId: string, since: Date) {
  const row = await db
    .selectFrom('appointment_verification')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .where('appointment_id', '=', appointmentId)
    .where('created_at', '>=', since)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function lockVerification(db: Executor, id: string) {
  return db
    .selectFrom('appointment_verification')
    .select(['id', 'appointment_id', 'code_hash', 'expires_at', 'attempts', 'verified_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function countAttempt(db: Executor, id: string) {
  await db.updateTable('appointment_verification').set({ attempts: sql`attempts + 1` }).where('id', '=', id).execute();
}

export async function markVerified(db: Executor, id: string, tokenHash: string, at: Date, expiresAt: Date) {
  await db
    .updateTable('appointment_verification')
    .set({ verified_at: at, manage_token_hash: tokenHash, expires_at: expiresAt, attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .execute();
}

export async function findByToken(db: Executor, tokenHash: string, now: Date) {
  return db
    .selectFrom('appointment_verification')
    .select(['appointment_id'])
    .where('manage_token_hash', '=', tokenHash)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}
