import type { Clock } from '../../platform/context.ts';
import { asSystem, type Db, type Executor } from '../../platform/db/database.ts';
import { newId, sha256 } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as jobs from './jobs.repository.ts';
import { FOLLOW_UP_ANSWERS } from './referrals.model.ts';

export type FollowUpState = 'open' | 'used' | 'expired' | 'unknown';

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

async function stateOf(db: Executor, clock: Clock, token: string) {
  if (!TOKEN.test(token)) return { state: 'unknown' as const };
  const row = await jobs.findByTokenHash(db, sha256(token));
  if (!row) return { state: 'unknown' as const };
  if (row.follow_up_answered_at) return { state: 'used' as const, row };
  if (!row.follow_up_expires_at || row.follow_up_expires_at <= clock.now()) return { state: 'expired' as const, row };
  return { state: 'open' as const, row };
}

/** What the one-click page shows for a token (no login; the token is not the referral id). */
export async function followUpState(db: Db, clock: Clock, token: string): Promise<FollowUpState> {
  return asSystem(db, async (trx) => (await stateOf(trx, clock, token)).state);
}

/**
 * Stores the person's answer on the referral, once: a used or expired token is refused. Audited as the
 * anonymous person, with the answer code only.
 */
export async function answerFollowUp(
  db: Db,
  clock: Clock,
  token: string,
  answer: string,
): Promise<FollowUpState | 'recorded' | 'invalid'> {
  if (!(FOLLOW_UP_ANSWERS as readonly string[]).includes(answer)) return 'invalid';
  return asSystem(db, async (trx) => {
    const s = await stateOf(trx, clock, token);
    if (s.state !== 'open') return s.state;
    const now = clock.now();
    await jobs.storeAnswer(trx, s.row.id, answer, now);
    await recordEvent(
      trx,
      { actor: { kind: 'anonymous', tenantId: s.row.tenant_id }, requestId: `follow-up-${newId()}` },
      { action: 'referral.follow_up_answer', recordType: 'referral', recordId: s.row.id, details: { answer } },
    );
    return 'recorded';
  });
}
