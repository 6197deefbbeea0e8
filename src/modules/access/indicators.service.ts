import type { Ctx } from '../../platform/context.ts';
import { isOperator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden, Unauthenticated } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { accessPermissions, officeScope } from './access.policy.ts';
import { computeIndicators, type Median, publishable, publishableMedian, type Ratio } from './indicators.sql.ts';

export const INDICATOR_KEYS = [
  'walkInShare',
  'daysToInterview',
  'helpAtFirstInterviewRate',
  'informationOnlyShare',
  'documentsBeforeHelpShare',
  'refusalRate',
  'mandatedShare',
  'takeChargeConversion',
  'reAccessWithin90Days',
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

/** One indicator as shown: a ratio or a median; counts are null when small-cell suppression hides them. */
export type IndicatorValue =
  | { kind: 'ratio'; numerator: number | null; denominator: number | null; value: number | null; suppressed: boolean }
  | { kind: 'median'; n: number | null; median: number | null; suppressed: boolean };

export interface IndicatorReport {
  from: string;
  to: string;
  officeId: string | null;
  /** True when small cells were suppressed (researchers); coordinators see raw counts, flagged. */
  suppressionApplied: boolean;
  indicators: Record<IndicatorKey, IndicatorValue>;
}

export type IndicatorResult =
  | { kind: 'report'; report: IndicatorReport }
  | { kind: 'invalid'; errors: { field: string; code: string }[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (s: string) => DAY.test(s) && new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const MAX_DAYS = 3 * 366;

function shape(raw: Ratio | Median, suppress: boolean): IndicatorValue {
  if ('median' in raw) {
    const p = publishableMedian(raw);
    return suppress && p.suppressed
      ? { kind: 'median', n: null, median: null, suppressed: true }
      : { kind: 'median', n: raw.n, median: raw.median, suppressed: p.suppressed };
  }
  const p = publishable(raw);
  return suppress && p.suppressed
    ? { kind: 'ratio', numerator: null, denominator: null, value: null, suppressed: true }
    : {
        kind: 'ratio',
        numerator: raw.numerator,
        denominator: raw.denominator,
        value: raw.value,
        suppressed: p.suppressed,
      };
}

/**
 * The nine care/control indicators of docs/INDICATORS.md for a period of access days and optionally
 * one office. Coordinators reach their offices (all of them when they oversee every office) and see
 * the raw counts, small cells flagged; researchers reach any office and get small cells suppressed.
 * Aggregates only; the read is audited (period and office).
 */
export async function accessIndicators(
  ctx: Ctx,
  input: { from?: string | undefined; to?: string | undefined; officeId?: string | undefined },
): Promise<IndicatorResult> {
  if (!isOperator(ctx.actor)) throw new Unauthenticated();
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'indicator.read')) {
    await recordDenied(ctx, { action: 'indicator.read' });
    throw new Forbidden('indicator.read');
  }
  const errors: { field: string; code: string }[] = [];
  const from = input.from ?? '';
  const to = input.to ?? '';
  if (!validDay(from)) errors.push({ field: 'from', code: 'notADate' });
  if (!validDay(to)) errors.push({ field: 'to', code: 'notADate' });
  if (validDay(from) && validDay(to)) {
    if (from > to) errors.push({ field: 'to', code: 'beforeFrom' });
    else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_DAYS) errors.push({ field: 'to', code: 'tooLong' });
  }
  const officeId = input.officeId || null;
  if (officeId !== null && !isUuid(officeId)) errors.push({ field: 'officeId', code: 'unknownOffice' });
  if (errors.length > 0) return { kind: 'invalid', errors };
  const scope = actor.role === 'researcher' ? 'all' : officeScope(actor);
  // A coordinator of some offices reads one of them at a time: the tenant total would include the others.
  if (scope !== 'all' && (officeId === null || !scope.includes(officeId))) {
    await recordDenied(ctx, {
      action: 'indicator.read',
      recordType: 'office',
      ...(officeId ? { recordId: officeId } : {}),
      details: { reason: officeId ? 'other-office' : 'tenant-wide' },
    });
    throw new Forbidden('indicator.read');
  }
  const suppress = actor.role === 'researcher';
  const raw = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const result = await computeIndicators(trx, { tenantId: actor.tenantId, from, to, officeId });
    await recordEvent(trx, ctx, {
      action: 'indicator.read',
      recordType: 'office',
      ...(officeId ? { recordId: officeId } : {}),
      details: { from, to, officeId, suppressed: suppress },
    });
    return result;
  });
  const indicators = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, shape(raw[k], suppress)])) as Record<
    IndicatorKey,
    IndicatorValue
  >;
  return { kind: 'report', report: { from, to, officeId, suppressionApplied: suppress, indicators } };
}
