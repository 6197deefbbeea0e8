import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export async function insertNoticeAck(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    personId: string;
    noticeVersion: string;
    channel: string;
    acknowledgedOn: string;
    recordedBy: string;
    recordedAt: Date;
  },
) {
  await db
    .insertInto('privacy_notice_ack')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      person_id: row.personId,
      notice_version: row.noticeVersion,
      channel: row.channel,
      acknowledged_on: row.acknowledgedOn,
      recorded_by: row.recordedBy,
      recorded_at: row.recordedAt,
    })
    .execute();
}

export async function listNoticeAcks(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('privacy_notice_ack as a')
    .innerJoin('app_user as u', 'u.id', 'a.recorded_by')
    .select([
      'a.id',
      'a.notice_version',
      'a.channel',
      'a.acknowledged_on',
      'a.recorded_by',
      'a.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('a.tenant_id', '=', tenantId)
    .where('a.person_id', '=', personId)
    .orderBy('a.acknowledged_on', 'desc')
    .orderBy('a.recorded_at', 'desc')
    .execute();
}
export type NoticeRow = Awaited<ReturnType<typeof listNoticeAcks>>[number];

/** The version most recently recorded in the tenant: what the next form most likely needs. */
export async function latestNoticeVersion(db: Executor, tenantId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('privacy_notice_ack')
    .select('notice_version')
    .where('tenant_id', '=', tenantId)
    .orderBy('recorded_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.notice_version;
}

export async function insertConsent(
  db: Executor,
  row: {
    id: string;
    tenantId: string;
    personId: string;
    purpose: string;
    scope: string;
    givenOn: string;
    expiresOn: string | null;
    recordedBy: string;
    recordedAt: Date;
  },
) {
  await db
    .insertInto('consent')
    .values({
      id: row.id,
      tenant_id: row.tenantId,
      person_id: row.personId,
      purpose: row.purpose,
      scope: row.scope,
      given_on: row.givenOn,
      expires_on: row.expiresOn,
      recorded_by: row.recordedBy,
      recorded_at: row.recordedAt,
    })
    .execute();
}

function consents(db: Executor, tenantId: string, personId: string) {
  return db
    .selectFrom('consent as c')
    .innerJoin('app_user as u', 'u.id', 'c.recorded_by')
    .select([
      'c.id',
      'c.purpose',
      'c.scope',
      'c.given_on',
      'c.expires_on',
      'c.revoked_on',
      'c.recorded_by',
      'c.recorded_at',
      'u.display_name as recorded_by_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.person_id', '=', personId);
}

export async function listConsents(db: Executor, tenantId: string, personId: string) {
  return consents(db, tenantId, personId).orderBy('c.given_on', 'desc').orderBy('c.recorded_at', 'desc').execute();
}
export type ConsentRow = Awaited<ReturnType<typeof listConsents>>[number];

/**
 * Consents of a person for one purpose; with a scope, only those whose scope is the same text once
 * case, accents and apostrophes are ignored ("Caritas Ambrosiana" = "caritas ambrosiana").
 */
export async function listConsentsFor(
  db: Executor,
  tenantId: string,
  personId: string,
  purpose: string,
  scope: string | null,
): Promise<ConsentRow[]> {
  let q = consents(db, tenantId, personId).where('c.purpose', '=', purpose);
  if (scope !== null) q = q.where(sql<string>`f_name_key(c.scope)`, '=', sql<string>`f_name_key(${scope})`);
  return q.execute();
}

export async function findConsent(db: Executor, tenantId: string, personId: string, consentId: string) {
  return consents(db, tenantId, personId).where('c.id', '=', consentId).executeTakeFirst();
}

/** Sets the revocation once: a second (or concurrent) revocation finds nothing to update. */
export async function revokeConsent(db: Executor, tenantId: string, consentId: string, revokedOn: string) {
  const row = await db
    .updateTable('consent')
    .set({ revoked_on: revokedOn })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', consentId)
    .where('revoked_on', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
