import { insertException, insertTopic, saveOfficeBooking, saveSettings } from '../../src/modules/appointments/index.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { buildOffice, type TestOffice, type TestTenant } from './factories.ts';

/** A tenant's office open for online booking with one topic (`colloquio`, 30 minutes) and Monza's patron day. */
export async function buildBookableOffice(
  db: Db,
  tenant: TestTenant,
  options: {
    hours?: { weekday: number; opens: string; closes: string }[];
    slotMinutes?: number;
    capacity?: number;
    topics?: { code: string; durationMinutes: number }[];
    minNoticeHours?: number;
  } = {},
): Promise<TestOffice> {
  const office = await buildOffice(db, tenant, options.hours ? { hours: options.hours } : {});
  await asSystem(db, async (trx) => {
    await saveSettings(trx, tenant.id, { patronDay: '06-24', minNoticeHours: options.minNoticeHours ?? 2 });
    await saveOfficeBooking(trx, tenant.id, office.id, {
      slotMinutes: options.slotMinutes ?? 30,
      capacity: options.capacity ?? 1,
    });
    for (const t of options.topics ?? [{ code: 'colloquio', durationMinutes: 30 }]) {
      await insertTopic(trx, tenant.id, {
        code: t.code,
        it: `Argomento ${t.code}`,
        en: `Topic ${t.code}`,
        durationMinutes: t.durationMinutes,
        officeIds: [office.id],
      });
    }
  });
  return office;
}

export async function addException(
  db: Db,
  tenant: TestTenant,
  e: Parameters<typeof insertException>[2],
): Promise<void> {
  await asSystem(db, (trx) => insertException(trx, tenant.id, e));
}

/** A fixed clock. */
export const fixedClock = (iso: string) => ({ now: () => new Date(iso) });
