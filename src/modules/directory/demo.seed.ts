import { sql } from 'kysely';
import { v5 as uuidv5 } from 'uuid';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { DEMO_ORGANIZATIONS, DEMO_SERVICES, type DemoService } from './demo.catalogue.ts';
import { DEMO_SYNONYMS } from './demo.synonyms.ts';
import { flatten, RowSet } from './hsds.flatten.ts';
import { HSDS_TABLES } from './hsds.model.ts';
import { refreshSearch, upsertRows } from './hsds.repository.ts';

/** Demo ids are stable (UUID v5 of a name), so seeding twice updates rather than duplicates. */
const NS = 'b4c1e7a2-5d3f-4e8a-9c6b-1f2e3d4c5b6a';
const demoId = (name: string) => uuidv5(`segretariato-demo:${name}`, NS);
const LAST_VERIFIED = '2026-10-01';

/**
 * Demo services booked at the secretariat under an appointment topic of the appointments demo
 * (informazioni, primo-colloquio, contributi, anziani-disabilita): their "Prenota" link pre-selects it.
 */
export const DEMO_TOPICS: Record<string, string> = {
  segretariato: 'primo-colloquio',
  'contributi-economici': 'contributi',
  morosita: 'contributi',
  sad: 'anziani-disabilita',
  telesoccorso: 'anziani-disabilita',
  'trasporto-disabili': 'anziani-disabilita',
  caregiver: 'anziani-disabilita',
  'sportello-casa': 'informazioni',
};

function schedules(s: DemoService) {
  if (!s.hours) return [];
  return s.hours.split(';').map((part, i) => {
    const [days, range] = [part.slice(0, part.indexOf(':')), part.slice(part.indexOf(':') + 1)];
    const [opens, closes] = range.split('-');
    return {
      id: demoId(`${s.key}:schedule:${i}`),
      service_id: demoId(`service:${s.key}`),
      freq: 'WEEKLY',
      byday: days,
      opens_at: `${opens}:00`,
      closes_at: `${closes}:00`,
      timezone: 1,
      attending_type: 'in_person',
    };
  });
}

/** A demo service in the HSDS full form. */
function hsdsService(s: DemoService, index: number) {
  const id = demoId(`service:${s.key}`);
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === s.org);
  if (!org) throw new Error(`demo service ${s.key}: no organization ${s.org}`);
  const orgId = demoId(`organization:${org.key}`);
  const locationId = demoId(`location:${org.key}`);
  return {
    id,
    organization_id: orgId,
    name: s.name,
    description: s.description,
    status: 'active',
    eligibility_description: s.eligibility,
    application_process: s.how,
    ...(s.cost === 'free' ? { fees_description: 'Gratuito' } : { fees_description: s.cost }),
    ...(s.minAge !== undefined ? { minimum_age: s.minAge } : {}),
    ...(s.maxAge !== undefined ? { maximum_age: s.maxAge } : {}),
    assured_date: LAST_VERIFIED,
    assurer_email: 'servizi.sociali@example.org',
    organization: {
      id: orgId,
      name: org.name,
      description: org.description,
      ...(org.website ? { website: org.website } : {}),
    },
    phones: [
      {
        id: demoId(`${s.key}:phone`),
        service_id: id,
        number: `039 000 ${String(2000 + index).padStart(4, '0')}`,
        type: 'voice',
      },
    ],
    schedules: schedules(s),
    required_documents: s.documents.map((d, i) => ({ id: demoId(`${s.key}:doc:${i}`), service_id: id, document: d })),
    cost_options:
      s.cost === 'free'
        ? [{ id: demoId(`${s.key}:cost`), service_id: id, option: 'Gratuito', amount: 0, currency: 'EUR' }]
        : [],
    languages: (s.languages ?? ['it']).map((code) => ({
      id: demoId(`${s.key}:lang:${code}`),
      service_id: id,
      code,
      name: new Intl.DisplayNames(['it'], { type: 'language' }).of(code) ?? code,
    })),
    service_at_locations: [
      {
        id: demoId(`${s.key}:sal`),
        service_id: id,
        location_id: locationId,
        location: {
          id: locationId,
          organization_id: orgId,
          location_type: 'physical',
          name: org.name,
          addresses: [
            {
              id: demoId(`address:${org.key}`),
              location_id: locationId,
              address_1: org.address,
              city: 'Monza',
              region: 'Lombardia',
              state_province: 'MB',
              postal_code: '20900',
              country: 'IT',
              address_type: 'physical',
            },
          ],
        },
      },
    ],
  };
}

/**
 * Seeds the demo Monza service network into the demo tenant (code "monza") once: organizations,
 * services with English names and descriptions, need areas, target groups, offices served, and the
 * starting synonym table. Phones, hours and addresses are invented and flagged in demo_values.
 */
export async function seedDemoDirectory(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', 'monza').executeTakeFirst();
  if (!tenant) return;
  const first = demoId(`organization:${DEMO_ORGANIZATIONS[0]?.key}`);
  await seedCatalogue(db, tenant.id, first);
  // Topic codes also reach a catalogue seeded before they existed; an operator's own choice is kept.
  await withTenant(db, tenant.id, async (trx) => {
    for (const [key, code] of Object.entries(DEMO_TOPICS))
      await trx
        .updateTable('hsds_service')
        .set({ appointment_topic_code: code })
        .where('id', '=', demoId(`service:${key}`))
        .where('appointment_topic_code', 'is', null)
        .where('version', '=', 1)
        .execute();
  });
}

async function seedCatalogue(db: Db, tenantId: string, first: string): Promise<void> {
  const tenant = { id: tenantId };
  await withTenant(db, tenant.id, async (trx) => {
    if (await trx.selectFrom('organization').select('id').where('id', '=', first).executeTakeFirst()) return;
    const rows = new RowSet();
    DEMO_SERVICES.forEach((s, i) => {
      flatten('service', hsdsService(s, i), rows);
    });
    const now = new Date();
    for (const table of HSDS_TABLES) await upsertRows(trx, tenant.id, table, rows.byTable(table), now);
    for (const table of ['hsds_phone', 'hsds_schedule', 'hsds_address'] as const)
      await sql`UPDATE ${sql.table(table)} SET demo_values = ARRAY['value']
        WHERE id = ANY(${rows.byTable(table === 'hsds_phone' ? 'phone' : table === 'hsds_schedule' ? 'schedule' : 'address').map((r) => r.id)}::uuid[])`.execute(
        trx,
      );
    const offices = await trx.selectFrom('office').select(['id', 'code']).execute();
    for (const s of DEMO_SERVICES) {
      const id = demoId(`service:${s.key}`);
      await trx
        .updateTable('hsds_service')
        .set({
          translations: JSON.stringify({ en: { name: s.nameEn, description: s.descriptionEn } }),
          demo_values: ['phone', 'hours'],
        })
        .where('id', '=', id)
        .execute();
      if (s.areas.length)
        await trx
          .insertInto('directory_service_need_area')
          .values(s.areas.map((code) => ({ tenant_id: tenant.id, service_id: id, need_area_code: code })))
          .onConflict((c) => c.doNothing())
          .execute();
      await trx
        .insertInto('directory_service_target_group')
        .values(s.groups.map((g) => ({ tenant_id: tenant.id, service_id: id, target_group: g })))
        .onConflict((c) => c.doNothing())
        .execute();
      const served = s.offices === 'all' ? offices : offices.filter((o) => (s.offices as string[]).includes(o.code));
      if (served.length)
        await trx
          .insertInto('directory_service_office')
          .values(served.map((o, position) => ({ tenant_id: tenant.id, service_id: id, office_id: o.id, position })))
          .onConflict((c) => c.doNothing())
          .execute();
    }
    await trx
      .insertInto('directory_synonym')
      .values(DEMO_SYNONYMS.map(([phrase, expansion]) => ({ id: newId(), tenant_id: tenant.id, phrase, expansion })))
      .onConflict((c) => c.doNothing())
      .execute();
    await refreshSearch(
      trx,
      DEMO_SERVICES.map((s) => demoId(`service:${s.key}`)),
    );
  });
}
