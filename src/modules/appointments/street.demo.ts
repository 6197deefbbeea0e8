import { sql } from 'kysely';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { mappedStreetKeys } from './street.repository.ts';

/**
 * More Monza streets for the demo's street → neighbourhood suggestion. The street names are real Monza
 * streets; which demo neighbourhood each is filed under is approximate and the list is partial, so every
 * row is flagged `demo` (the page says so). A real installation loads the municipality's street register.
 */
const STREETS: Record<string, string[]> = {
  centro: [
    'Via Carlo Alberto',
    'Via Zucchi',
    'Via Manzoni',
    'Via Azzone Visconti',
    'Via Bergamo',
    'Via Mentana',
    'Via Lambro',
    'Via Paolo Frisi',
    'Via Passerini',
    'Piazza Roma',
  ],
  'san-fruttuoso': ['Via San Fruttuoso', 'Via Tazzoli', 'Via Procaccini', 'Via Monte Cervino', 'Via Silva'],
  'san-rocco': ['Via Borgazzi', 'Via Ugolini', 'Via Fiume', 'Via Adda', 'Via Mincio', 'Via Tagliamento'],
  'san-biagio-cazzaniga': [
    'Viale Cesare Battisti',
    'Via Tommaso Grossi',
    'Via Monte Grappa',
    'Via Matteo da Campione',
    'Via Aliprandi',
    'Via Rota',
  ],
  'cederna-cantalupo': ['Via Buonarroti', 'Via Cantalupo', 'Via Rovani', 'Via Amati', 'Via Foscolo', 'Via Mauri'],
};

/** Adds the streets above to Monza's demo neighbourhoods, skipping streets already mapped. Idempotent. */
export async function seedDemoStreets(db: Db): Promise<void> {
  const tenant = await db
    .selectFrom('tenant')
    .select(['id', 'belfiore_code'])
    .where('code', '=', 'monza')
    .executeTakeFirst();
  if (!tenant) return;
  await asSystem(db, async (trx) => {
    const areas = await trx
      .selectFrom('neighbourhood')
      .select(['id', 'code'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    const known = await mappedStreetKeys(trx, tenant.id);
    for (const [code, streets] of Object.entries(STREETS)) {
      const area = areas.find((a) => a.code === code);
      if (!area) continue;
      for (const street of streets) {
        const key = (await sql<{ k: string }>`SELECT f_name_key(${street}) AS k`.execute(trx)).rows[0]?.k ?? '';
        if (known.has(key)) continue;
        known.add(key);
        await trx
          .insertInto('street_area')
          .values({
            id: newId(),
            tenant_id: tenant.id,
            municipality_code: tenant.belfiore_code ?? 'F704',
            street_key: key,
            street_name: street,
            neighbourhood_id: area.id,
            demo: true,
          })
          .execute();
      }
    }
  });
}
