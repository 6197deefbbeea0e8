import type { Clock, Ctx } from '../../platform/context.ts';
import { asSystem, type Db, type Trx } from '../../platform/db/database.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordEvent } from '../audit/index.ts';
import { getOrganizationSummary } from '../directory/index.ts';
import * as jobs from './jobs.repository.ts';
import { followUpLink, mails, type Notifier, operatorLink, partnerLink, queueMail } from './referrals.notify.ts';
import * as repo from './referrals.repository.ts';
import { deadlinesFor } from './settings.repository.ts';

export const FOLLOW_UP_TOKEN_DAYS = 30;
const DAY = 86_400_000;

export interface JobSummary {
  reminded: number;
  expired: number;
  /** Follow-up questions queued (the outbox sends them). */
  followUpsQueued: number;
  /** Follow-up questions not queued: the person has since asked not to be contacted. */
  followUpsSkipped: number;
}

const systemCtx = (db: Db, clock: Clock, tenantId: string): Ctx => ({
  actor: { kind: 'system', tenantId },
  requestId: `job-referrals-${newId()}`,
  clock,
  db,
});

/** Runs one tenant-scoped step as the system, with the audit event last in the same transaction. */
async function step<T>(db: Db, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return asSystem(db, fn);
}

/**
 * The referrals job (`segretariato jobs run referrals`), safe to run as often as wanted:
 * 1. reminds the partner before the response deadline (once);
 * 2. past the deadline, expires the referral and escalates it to the sending office (its e-mail) — it
 *    then shows in the coordinators' overdue list;
 * 3. asks the person "did you get the help you needed?" when the follow-up delay has passed, with a
 *    single-use link (only if they agreed to follow-up contact and have not asked not to be contacted —
 *    checked again now, as the preference may have changed since the referral was sent).
 * Each message is queued in the notifications outbox in the same transaction as the change it reports.
 */
export async function runReferralJobs(db: Db, clock: Clock, notifier: Notifier): Promise<JobSummary> {
  const now = clock.now();
  const summary: JobSummary = { reminded: 0, expired: 0, followUpsQueued: 0, followUpsSkipped: 0 };

  for (const r of await jobs.awaitingAnswer(db)) {
    const d = await deadlinesFor(db, r.tenant_id, r.destination_type as 'partner');
    const due = r.response_due_at as Date;
    if (due <= now) {
      const done = await step(db, async (trx) => {
        const ok = await repo.updateReferral(trx, r.tenant_id, r.id, r.version, {
          status: 'expired',
          status_at: now,
          escalated_at: now,
        });
        if (!ok) return false;
        await repo.insertEvent(trx, {
          id: newId(),
          tenant_id: r.tenant_id,
          referral_id: r.id,
          from_status: r.status,
          to_status: 'expired',
          at: now,
          by_user: null,
          by_kind: 'system',
        });
        await queueMail(trx, {
          tenantId: r.tenant_id,
          kind: 'escalation',
          referralId: r.id,
          to: await jobs.officeEmail(trx, r.sending_office_id),
          message: mails.escalation(r.code, operatorLink(notifier.baseUrl, r.id)),
          at: now,
        });
        await recordEvent(trx, systemCtx(db, clock, r.tenant_id), {
          action: 'referral.expire',
          recordType: 'referral',
          recordId: r.id,
          details: { from: r.status, escalatedToOffice: r.sending_office_id },
        });
        return true;
      });
      if (done) summary.expired++;
    } else if (!r.reminded_at && due.getTime() - d.remindDaysBefore * DAY <= now.getTime() && r.organization_id) {
      const organizationId = r.organization_id;
      const reminded = await step(db, async (trx) => {
        const ok = await jobs.markReminded(trx, r.id, now);
        if (!ok) return false;
        await queueMail(trx, {
          tenantId: r.tenant_id,
          kind: 'reminder',
          referralId: r.id,
          to: (await getOrganizationSummary(trx, organizationId))?.email,
          message: mails.reminder(r.code, partnerLink(notifier.baseUrl, r.id), romeWeekdayAndTime(due).date),
          at: now,
        });
        await recordEvent(trx, systemCtx(db, clock, r.tenant_id), {
          action: 'referral.remind',
          recordType: 'referral',
          recordId: r.id,
        });
        return true;
      });
      if (reminded) summary.reminded++;
    }
  }

  for (const r of await jobs.followUpsDue(db, now)) {
    const token = newSecret();
    const result = await step(db, async (trx) => {
      const addr = await jobs.claimFollowUp(
        trx,
        r.id,
        now,
        sha256(token),
        new Date(now.getTime() + FOLLOW_UP_TOKEN_DAYS * DAY),
      );
      if (!addr) return undefined;
      const queued = await queueMail(trx, {
        tenantId: r.tenant_id,
        kind: 'follow_up',
        referralId: r.id,
        to: addr,
        message: mails.followUp(followUpLink(notifier.baseUrl, token)),
        at: now,
        personId: r.person_id,
      });
      await recordEvent(trx, systemCtx(db, clock, r.tenant_id), {
        action: 'referral.follow_up',
        recordType: 'referral',
        recordId: r.id,
        details: queued === 'skipped' ? { sent: false, skipped: 'do_not_contact' } : { sent: queued === 'queued' },
      });
      return queued;
    });
    if (result === 'queued') summary.followUpsQueued++;
    if (result === 'skipped') summary.followUpsSkipped++;
  }
  return summary;
}
