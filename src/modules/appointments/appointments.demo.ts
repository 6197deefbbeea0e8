import { asSystem, type Db } from '../../platform/db/database.ts';
import { insertException, insertTopic, saveOfficeBooking, saveSettings } from './setup.repository.ts';

const DEMO_TENANT = 'monza';

/** Topics residents can book in Monza's demo (lengths and roles are demo values, not the Comune's). */
const TOPICS = [
  {
    code: 'informazioni',
    it: 'Informazioni e orientamento sui servizi',
    en: 'Information and guidance about services',
    durationMinutes: 30,
    roles: ['front_office', 'social_worker'],
  },
  {
    code: 'primo-colloquio',
    it: 'Primo colloquio con l’assistente sociale',
    en: 'First meeting with a social worker',
    durationMinutes: 60,
    roles: ['social_worker'],
  },
  {
    code: 'contributi',
    it: 'Domanda di contributo economico',
    en: 'Applying for financial support',
    durationMinutes: 30,
    roles: ['social_worker'],
  },
  {
    code: 'anziani-disabilita',
    it: 'Servizi per anziani e persone con disabilità',
    en: 'Services for older and disabled people',
    durationMinutes: 30,
    roles: ['social_worker'],
  },
];

/**
 * Booking calendars for the Monza demo: San Giovanni Battista (24 June) as patron day, every office
 * bookable in 30-minute slots (two places at the central office), the topics above, and closures on
 * 24 and 31 December (flagged as demo). Idempotent: nothing happens once the tenant has settings.
 */
export async function seedDemoAppointments(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', DEMO_TENANT).executeTakeFirst();
  if (!tenant) return;
  const done = await db
    .selectFrom('appointment_settings')
    .select('tenant_id')
    .where('tenant_id', '=', tenant.id)
    .executeTakeFirst();
  if (done) return;
  const offices = await db.selectFrom('office').select(['id', 'code']).where('tenant_id', '=', tenant.id).execute();
  const year = new Date().getUTCFullYear();
  await asSystem(db, async (trx) => {
    await saveSettings(trx, tenant.id, { patronDay: '06-24', minNoticeHours: 2, horizonDays: 60 });
    for (const o of offices) {
      await saveOfficeBooking(trx, tenant.id, o.id, { slotMinutes: 30, capacity: o.code === 'centrale' ? 2 : 1 });
      for (const day of [`${year}-12-24`, `${year}-12-31`, `${year + 1}-12-24`, `${year + 1}-12-31`]) {
        await insertException(trx, tenant.id, {
          officeId: o.id,
          day,
          kind: 'closed',
          note: 'Dato dimostrativo: chiusura prefestiva',
        });
      }
    }
    for (const [i, t] of TOPICS.entries()) {
      await insertTopic(trx, tenant.id, { ...t, sortOrder: i, officeIds: offices.map((o) => o.id) });
    }
  });
}
