import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { addDays, romeDayTime, romeInstant } from './calendar.ts';
import { feedbackResultsPermissions } from './feedback.results.policy.ts';
import * as repo from './feedback.results.repository.ts';

export interface PageResult {
  page: string;
  total: number;
  /** Ratings with 1..5 stars (index 0 = one star). */
  stars: [number, number, number, number, number];
  average: number | null;
  aspects: { side: 'negative' | 'positive'; aspect: string; n: number }[];
}

export interface FeedbackResults {
  from: string;
  to: string;
  pages: PageResult[];
  comments: { page: string; rating: number; aspect: string | null; comment: string; day: string }[];
}

export const COMMENTS_SHOWN = 200;

/**
 * Results of the feedback widget over Rome days `from`..`to` (default: the last 90 days): per page or
 * flow, the star distribution, the follow-up answers by code and the free texts. Coordinators only; audited.
 */
export async function feedbackResults(ctx: Ctx, range: { from?: string; to?: string } = {}): Promise<FeedbackResults> {
  const actor = ctx.actor;
  if (!roleMay(feedbackResultsPermissions, actor, 'feedback.read')) {
    await recordDenied(ctx, { action: 'feedback.read' });
    throw new Forbidden('feedback.read');
  }
  const day = /^\d{4}-\d{2}-\d{2}$/;
  const today = romeDayTime(ctx.clock.now()).day;
  const to = range.to && day.test(range.to) ? range.to : today;
  const from = range.from && day.test(range.from) && range.from <= to ? range.from : addDays(to, -89);
  const period = { from: romeInstant(from, '00:00'), to: romeInstant(addDays(to, 1), '00:00') };
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const stars = await repo.starCounts(trx, actor.tenantId, period);
    const aspects = await repo.aspectCounts(trx, actor.tenantId, period);
    const texts = await repo.comments(trx, actor.tenantId, period, COMMENTS_SHOWN);
    const byPage = new Map<string, PageResult>();
    const of = (page: string) => {
      let r = byPage.get(page);
      if (!r) {
        r = { page, total: 0, stars: [0, 0, 0, 0, 0], average: null, aspects: [] };
        byPage.set(page, r);
      }
      return r;
    };
    for (const s of stars) {
      const r = of(s.page);
      const n = Number(s.n);
      r.stars[s.rating - 1] = n;
      r.total += n;
    }
    for (const r of byPage.values()) {
      r.average = r.total > 0 ? r.stars.reduce((sum, n, i) => sum + n * (i + 1), 0) / r.total : null;
    }
    for (const a of aspects) {
      of(a.page).aspects.push({ side: a.side as 'negative' | 'positive', aspect: a.aspect ?? '', n: Number(a.n) });
    }
    await recordEvent(trx, ctx, { action: 'feedback.read', details: { from, to, comments: texts.length } });
    return {
      from,
      to,
      pages: [...byPage.values()].sort((a, b) => b.total - a.total || a.page.localeCompare(b.page)),
      comments: texts.map((c) => ({
        page: c.page,
        rating: c.rating,
        aspect: c.aspect,
        comment: c.comment ?? '',
        day: romeDayTime(c.created_at).day,
      })),
    };
  });
}
