import { withTenant } from '../../platform/db/database.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { NEGATIVE, POSITIVE } from './feedback.messages.ts';
import * as repo from './feedback.repository.ts';

const PAGE = /^[a-z0-9_/-]{1,80}$/;

/** Stores an anonymous rating; returns its id (for the follow-up answer) or undefined when invalid. */
export async function rateService(
  deps: Pick<RouteDeps, 'db' | 'clock'>,
  tenantId: string,
  f: { page: string; rating: number },
): Promise<string | undefined> {
  if (!tenantId || !Number.isInteger(f.rating) || f.rating < 1 || f.rating > 5 || !PAGE.test(f.page)) return undefined;
  const id = newId();
  await withTenant(deps.db, tenantId, (trx) =>
    repo.insertFeedback(trx, { id, tenantId, page: f.page, rating: f.rating, createdAt: deps.clock.now() }),
  );
  return id;
}

/** The follow-up: which aspect (from the fixed list of the rating's side) and an optional short comment. */
export async function explainRating(
  deps: Pick<RouteDeps, 'db' | 'clock'>,
  tenantId: string,
  f: { id: string; rating: number; aspect: string; comment: string },
): Promise<boolean> {
  if (!tenantId || !isUuid(f.id)) return false;
  const allowed: readonly string[] = f.rating <= 3 ? NEGATIVE : POSITIVE;
  const aspect = allowed.includes(f.aspect) ? f.aspect : null;
  const comment = f.comment.slice(0, 200) || null;
  if (!aspect && !comment) return false;
  return withTenant(deps.db, tenantId, (trx) =>
    repo.addFeedbackDetail(trx, {
      id: f.id,
      aspect,
      comment,
      notBefore: new Date(deps.clock.now().getTime() - 3_600_000),
    }),
  );
}
