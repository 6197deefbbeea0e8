import type { Clock, Ctx } from '../../platform/context.ts';
import { asSystem, type Db, withTenant } from '../../platform/db/database.ts';
import { recordEvent } from '../audit/index.ts';
import { addDays, romeDayTime } from './calendar.ts';
import { offerFreePlaces, releaseHeld, slotMinutesOf } from './waitlist.offers.ts';
import * as wrepo from './waitlist.repository.ts';

export interface WaitlistRun {
  lapsed: number;
  offered: number;
}

/**
 * `segretariato jobs run waitlist` (e.g. every 15 minutes): offers not answered in time lapse and
 * their places go to the next in line; then every office's free places of the next two weeks are
 * offered to its waiting list (places freed by an extra opening, or a promotion that failed).
 */
export async function runWaitlist(deps: { db: Db; clock: Clock }, baseUrl: string): Promise<WaitlistRun> {
  const now = deps.clock.now();
  const today = romeDayTime(now).day;
  const sys = (tenantId: string): Ctx => ({
    actor: { kind: 'system', tenantId },
    requestId: `job-waitlist-${now.toISOString()}`,
    clock: deps.clock,
    db: deps.db,
  });
  // One transaction per lapsed offer (the audit chain is locked per transaction until it commits).
  const due = await asSystem(deps.db, (trx) => wrepo.expiredOffers(trx, now));
  let lapsed = 0;
  for (const d of due) {
    lapsed += await withTenant(deps.db, d.tenant_id, async (trx) => {
      const e = await wrepo.entryById(trx, d.tenant_id, d.id);
      if (e?.status !== 'offered' || !e.offer_expires_at || e.offer_expires_at > now) return 0;
      await releaseHeld(trx, e, await slotMinutesOf(trx, d.tenant_id, e.office_id));
      await wrepo.closeOffer(trx, e.id, 'lapsed', null);
      await recordEvent(trx, sys(d.tenant_id), {
        action: 'waitlist.lapse',
        recordType: 'appointment_waitlist',
        recordId: e.id,
      });
      return 1;
    });
  }
  const queues = await asSystem(deps.db, (trx) =>
    trx
      .selectFrom('appointment_waitlist')
      .select(['tenant_id', 'office_id'])
      .distinct()
      .where('status', '=', 'waiting')
      .where('until_day', '>=', today)
      .execute(),
  );
  let offered = 0;
  for (const q of queues) {
    const offers = await offerFreePlaces(
      sys(q.tenant_id),
      q.tenant_id,
      q.office_id,
      today,
      addDays(today, 14),
      baseUrl,
    );
    offered += offers.length;
  }
  return { lapsed, offered };
}
