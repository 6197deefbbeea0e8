import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { DomainError, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { startOfRomeDay } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as repo from './applications.repository.ts';
import { authorise, today } from './applications.service.ts';
import {
  type ApplicationView,
  type FundView,
  type PaymentView,
  presentApplication,
  presentFund,
  presentPayment,
} from './applications.view.ts';
import type { Evaluation } from './rules.engine.ts';

/** Coded reasons of a rejection (the notice explains them; the audit log keeps the code only). */
export const REJECT_REASONS = [
  'isee_above_threshold',
  'income_above_minimum',
  'not_resident',
  'documents_missing',
  'check_failed',
  'fund_exhausted',
  'other_support_in_place',
] as const;

export type DecisionInput =
  | { decision: 'approved'; version: number; periodStart?: string | undefined }
  | { decision: 'rejected'; version: number; reasonCode: (typeof REJECT_REASONS)[number] };

/** A day n months later (clamped to the month's last day): 2026-01-31 + 1 → 2026-02-28. */
export function addMonths(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const previousDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

const conflict = (code: string, message: string) => new DomainError(409, code, message);

/**
 * Decides an application (four eyes: never the operator who prepared it). Approving commits the amount of
 * the stored evaluation on the measure's fund for the year of the period start — the fund row is locked
 * FOR UPDATE, so concurrent approvals queue and one that would overdraw the fund is refused (409) — and
 * schedules the payments. Refused as well while checks are pending or one failed.
 */
export async function decideApplication(ctx: Ctx, id: string, input: DecisionInput): Promise<ApplicationView> {
  const actor = await authorise(ctx, 'benefit_application.decide', id);
  const missing = async (): Promise<never> => {
    await recordDenied(ctx, {
      action: 'benefit_application.decide',
      recordType: 'benefit_application',
      recordId: id.slice(0, 64),
      details: { reason: 'not-found' },
    });
    throw new NotFound('benefit application');
  };
  if (!isUuid(id)) return missing();
  if (input.decision === 'rejected' && !REJECT_REASONS.includes(input.reasonCode)) {
    throw new DomainError(422, 'invalid-reason', 'Unknown reason code');
  }
  const start = (input.decision === 'approved' && input.periodStart) || today(ctx);
  if (!startOfRomeDay(start)) throw new DomainError(422, 'invalid-date', 'periodStart is not a date');
  const outcome = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const app = await repo.findApplication(trx, actor.tenantId, id, true);
    if (!app) return undefined;
    if (app.prepared_by === actor.userId) return 'four-eyes' as const;
    if (app.status !== 'open') throw conflict('application-decided', 'The application is already decided');
    if (app.version !== input.version) throw conflict('stale', 'The application changed meanwhile');
    const checks = await repo.listChecks(trx, actor.tenantId, id);
    let changes: Record<string, unknown>;
    let details: Record<string, unknown>;
    let payments: { due_on: string; amount: number }[] = [];
    let fundId: string | null = null;
    if (input.decision === 'approved') {
      if (checks.some((c) => c.result === 'pending')) throw conflict('checks-pending', 'Some checks are pending');
      if (checks.some((c) => c.result === 'failed')) throw conflict('check-failed', 'A check failed');
      const evaluation = app.evaluation as Evaluation | null;
      const amount = evaluation?.amount;
      if (evaluation?.result !== 'eligible' || !amount) {
        throw conflict('not-eligible', 'The stored evaluation is not "likely eligible" with an amount');
      }
      const months = amount.per === 'month' ? (amount.months ?? 1) : 1;
      const total = amount.per === 'month' ? Math.round(amount.value * months * 100) / 100 : amount.value;
      const year = Number(start.slice(0, 4));
      const fund = await repo.lockFund(trx, actor.tenantId, app.measure, year);
      if (!fund) throw conflict('no-fund', `No fund for ${app.measure} in ${year}`);
      if (Number(fund.committed) + total > Number(fund.amount)) {
        throw conflict('fund-exhausted', 'The fund has not enough money left for this amount');
      }
      await repo.addToFund(trx, fund.id, 'committed', total);
      fundId = fund.id;
      payments =
        amount.per === 'month'
          ? Array.from({ length: months }, (_, i) => ({ due_on: addMonths(start, i), amount: amount.value }))
          : [{ due_on: start, amount: total }];
      const end = amount.per === 'month' ? previousDay(addMonths(start, months)) : start;
      changes = {
        status: 'approved',
        decision: 'approved',
        monthly_amount: amount.per === 'month' ? amount.value : null,
        months: amount.per === 'month' ? months : null,
        total_amount: total,
        period_start: start,
        period_end: end,
        fund_id: fund.id,
      };
      details = { decision: 'approved', total, fundId: fund.id, payments: payments.length };
    } else {
      changes = { status: 'rejected', decision: 'rejected', decision_reason: input.reasonCode };
      details = { decision: 'rejected', reasonCode: input.reasonCode };
    }
    const updated = await repo.updateApplication(trx, actor.tenantId, id, input.version, {
      ...changes,
      decided_by: actor.userId,
      decided_at: ctx.clock.now(),
    });
    if (!updated) throw conflict('stale', 'The application changed meanwhile');
    if (fundId) {
      const fund = fundId;
      await repo.insertPayments(
        trx,
        payments.map((p) => ({ id: newId(), tenant_id: actor.tenantId, application_id: id, fund_id: fund, ...p })),
      );
    }
    const row = await repo.findApplication(trx, actor.tenantId, id);
    const paymentRows = await repo.listPayments(trx, actor.tenantId, { applicationId: id });
    await recordEvent(trx, ctx, {
      action: 'benefit_application.decide',
      recordType: 'benefit_application',
      recordId: id,
      details,
    });
    return row ? presentApplication(row, checks, paymentRows) : undefined;
  });
  if (outcome === 'four-eyes') {
    await recordDenied(ctx, {
      action: 'benefit_application.decide',
      recordType: 'benefit_application',
      recordId: id,
      details: { reason: 'four-eyes' },
    });
    throw new DomainError(403, 'four-eyes', 'The operator who prepared an application cannot decide it');
  }
  return outcome ?? missing();
}

/** Sets the money of a measure for a year (admin). Never below what is already committed (409). */
export async function setFund(ctx: Ctx, input: { measure: string; year: number; amount: number }): Promise<FundView> {
  const actor = await authorise(ctx, 'benefit_fund.manage');
  if (!/^[a-z0-9_-]{2,60}$/.test(input.measure) || !(input.amount >= 0) || input.year < 2000 || input.year > 2100) {
    throw new DomainError(422, 'invalid-fund', 'Measure, year or amount not valid');
  }
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const existing = await repo.lockFund(trx, actor.tenantId, input.measure, input.year);
    if (existing && Number(existing.committed) > input.amount) {
      throw conflict('below-committed', 'The fund cannot be set below the amount already committed');
    }
    const id = await repo.upsertFund(trx, { id: newId(), tenant_id: actor.tenantId, ...input });
    const fund = await repo.lockFundById(trx, actor.tenantId, id);
    if (!fund) throw new Error('fund vanished');
    await recordEvent(trx, ctx, {
      action: 'benefit_fund.manage',
      recordType: 'benefit_fund',
      recordId: id,
      details: { measure: input.measure, year: input.year, amount: input.amount },
    });
    return presentFund(fund);
  });
}

/** Fund balances (no personal data: not audited). */
export async function listFunds(ctx: Ctx, year?: number): Promise<FundView[]> {
  const actor = await authorise(ctx, 'benefit_fund.read');
  const rows = await withTenant(ctx.db, actor.tenantId, (trx) => repo.listFunds(trx, actor.tenantId, year));
  return rows.map(presentFund);
}

/** Records that a scheduled payment was made: the fund's paid total grows by its amount. */
export async function recordPayment(ctx: Ctx, paymentId: string, paidOn?: string): Promise<PaymentView> {
  const actor = await authorise(ctx, 'benefit_payment.record', paymentId);
  const day = paidOn ?? today(ctx);
  if (!startOfRomeDay(day) || day > today(ctx)) throw new DomainError(422, 'invalid-date', 'paidOn is not valid');
  const result = isUuid(paymentId)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const payment = await repo.findPayment(trx, actor.tenantId, paymentId, true);
        if (!payment) return undefined;
        if (payment.status === 'paid') throw conflict('already-paid', 'The payment is already recorded as paid');
        await repo.lockFundById(trx, actor.tenantId, payment.fund_id);
        await repo.addToFund(trx, payment.fund_id, 'paid', Number(payment.amount));
        await repo.markPaid(trx, paymentId, day, actor.userId);
        const saved = await repo.findPayment(trx, actor.tenantId, paymentId);
        await recordEvent(trx, ctx, {
          action: 'benefit_payment.record',
          recordType: 'benefit_payment',
          recordId: paymentId,
          details: { applicationId: payment.application_id, fundId: payment.fund_id },
        });
        return saved ? presentPayment(saved) : undefined;
      })
    : undefined;
  if (!result) {
    await recordDenied(ctx, {
      action: 'benefit_payment.record',
      recordType: 'benefit_payment',
      recordId: paymentId.slice(0, 64),
      details: { reason: 'not-found' },
    });
    throw new NotFound('payment');
  }
  return result;
}

/** Payments scheduled up to a day (for the accounting export); coordinators only, audited with the ids. */
export async function listDuePayments(ctx: Ctx, until: string): Promise<PaymentView[]> {
  const actor = await authorise(ctx, 'benefit_payment.record');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = (await repo.listPayments(trx, actor.tenantId, { status: 'scheduled' })).filter(
      (p) => p.due_on <= until,
    );
    await recordEvent(trx, ctx, {
      action: 'benefit_payment.list',
      recordType: 'benefit_payment',
      details: { until, ids: rows.map((r) => r.id) },
    });
    return rows.map(presentPayment);
  });
}
