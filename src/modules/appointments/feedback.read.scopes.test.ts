import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { operatorCtx } from '../../../test/support/factories.ts';
import { buildFeedbackWorld } from '../../../test/support/feedback.ts';
import { ROLES } from '../../platform/context.ts';
import { Forbidden } from '../../platform/errors.ts';
import { feedbackResultsPermissions } from './feedback.results.policy.ts';
import { feedbackResults } from './feedback.results.service.ts';

// Permission test for `feedback.read`: every role, through the service.
const { db, url } = await freshDatabase();
const { operators } = await buildFeedbackWorld(db);
const clock = fixedClock('2026-11-27T08:00:00Z');
const events = async (userId: string) =>
  (
    await ownerQuery(
      url,
      `SELECT outcome, details FROM audit_event WHERE actor_user_id = $1 AND action = 'feedback.read' ORDER BY seq`,
      [userId],
    )
  ).rows;

describe('feedback.read', () => {
  it('is granted to coordinators only', () => {
    expect(ROLES.filter((r) => feedbackResultsPermissions['feedback.read'].includes(r))).toEqual(['coordinator']);
  });

  it.each(ROLES)('%s: allowed reads counts and free texts (audited); refused Forbidden, audited', async (role) => {
    const op = operators[role];
    if (!op) throw new Error('no operator');
    const attempt = feedbackResults(operatorCtx(db, op, clock));
    if (feedbackResultsPermissions['feedback.read'].includes(role)) {
      const r = await attempt;
      expect(r.comments.map((c) => c.comment)).toEqual(['Non trovavo gli orari', 'Molto semplice, grazie']);
      expect(await events(op.userId)).toEqual([
        { outcome: 'ok', details: { from: '2026-08-30', to: '2026-11-27', comments: 2 } },
      ]);
    } else {
      await expect(attempt).rejects.toBeInstanceOf(Forbidden);
      expect(await events(op.userId)).toEqual([{ outcome: 'denied', details: {} }]);
    }
  });
});
