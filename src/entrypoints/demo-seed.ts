import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { insertTaxonomyVersion, type NeedAreaInput, seedDemoQuestionnaire } from '../modules/access/index.ts';
import { seedDemoAppointments, seedDemoRequests, seedDemoStreets } from '../modules/appointments/index.ts';
import { recordEvent } from '../modules/audit/index.ts';
import { seedDemoBenefits } from '../modules/benefits/index.ts';
import { seedDemoDirectory } from '../modules/directory/index.ts';
import { createOperator } from '../modules/identity/index.ts';
import { insertHours, insertOffice, type NewOffice } from '../modules/offices/index.ts';
import { seedDemoReferrals } from '../modules/referrals/index.ts';
import type { Role } from '../platform/context.ts';
import { asSystem, type Db } from '../platform/db/database.ts';
import { newId } from '../platform/ids.ts';

/**
 * Demo data: the Comune di Monza and its secretariat offices (shared/DOMAIN.md §2). Facts from public
 * sources are used as they are; values we had to invent (street numbers, phones, exact hours) are
 * listed in each office's demo_values and shown as "Dato dimostrativo".
 */
const MONZA = {
  code: 'monza',
  name: 'Comune di Monza',
  kind: 'comune',
  istat_code: '108033',
  belfiore_code: 'F704',
} as const;

type OfficeSeed = Omit<NewOffice, 'id' | 'tenantId'> & { afternoons: boolean };
const MORNING = { opens: '09:00', closes: '12:30' };
const AFTERNOON = { opens: '14:00', closes: '16:30' };

const OFFICES: OfficeSeed[] = [
  {
    code: 'centrale',
    name: 'Villa Fossati Lamperti',
    kind: 'central',
    street: 'Via Casati 19',
    postcode: '20900',
    city: 'Monza',
    phone: '039 000 0100',
    email: null,
    demoValues: ['phone', 'hours'],
    afternoons: false,
  },
  {
    code: 'san-fruttuoso',
    name: 'San Fruttuoso',
    kind: 'neighbourhood',
    street: 'Via Iseo 18',
    postcode: '20900',
    city: 'Monza',
    phone: '039 000 0101',
    email: null,
    demoValues: ['street', 'phone', 'hours'],
    afternoons: false,
  },
  {
    code: 'san-rocco',
    name: 'San Rocco',
    kind: 'neighbourhood',
    street: 'Via Ticino 2',
    postcode: '20900',
    city: 'Monza',
    phone: '039 000 0102',
    email: null,
    demoValues: ['street', 'phone', 'hours'],
    afternoons: true,
  },
  {
    code: 'san-biagio-cazzaniga',
    name: 'San Biagio–Cazzaniga',
    kind: 'neighbourhood',
    street: 'Via Prina 3',
    postcode: '20900',
    city: 'Monza',
    phone: '039 000 0103',
    email: null,
    demoValues: ['street', 'phone', 'hours'],
    afternoons: false,
  },
  {
    code: 'cederna-cantalupo',
    name: 'Cederna–Cantalupo',
    kind: 'neighbourhood',
    street: 'Via Cederna 4',
    postcode: '20900',
    city: 'Monza',
    phone: '039 000 0104',
    email: null,
    demoValues: ['street', 'phone', 'hours'],
    afternoons: true,
  },
];

const OPERATORS: { username: string; displayName: string; role: Role; offices: string[] }[] = [
  { username: 'admin', displayName: 'Amministratore di sistema', role: 'admin', offices: [] },
  { username: 'coordinatrice', displayName: 'Giulia Brambilla', role: 'coordinator', offices: [] },
  { username: 'as.sanfruttuoso', displayName: 'Marta Colombo', role: 'social_worker', offices: ['san-fruttuoso'] },
  {
    username: 'as.sanrocco',
    displayName: 'Luca Ferrari',
    role: 'social_worker',
    offices: ['san-rocco', 'cederna-cantalupo'],
  },
  { username: 'front.centrale', displayName: 'Sara Rossi', role: 'front_office', offices: ['centrale'] },
  { username: 'ricercatore', displayName: 'Paolo Bianchi', role: 'researcher', offices: [] },
  { username: 'auditor', displayName: 'Anna Villa', role: 'auditor', offices: [] },
];

/**
 * Demo street → neighbourhood mapping. The neighbourhoods follow the offices; which street lies in
 * which area is invented for the demo (street_area.demo = true) — a real installation loads its own.
 */
const NEIGHBOURHOODS: { code: string; name: string; office: string; streets: string[] }[] = [
  {
    code: 'centro',
    name: 'Centro',
    office: 'centrale',
    streets: ['Via Carlo Casati', 'Via Italia', 'Piazza Trento e Trieste', 'Via Vittorio Emanuele II'],
  },
  {
    code: 'san-fruttuoso',
    name: 'San Fruttuoso',
    office: 'san-fruttuoso',
    streets: ['Via Iseo', 'Via Ramazzotti', 'Via Monte Amiata'],
  },
  {
    code: 'san-rocco',
    name: 'San Rocco',
    office: 'san-rocco',
    streets: ['Via Ticino', 'Via Bramante da Urbino', 'Via Enrico da Monza'],
  },
  {
    code: 'san-biagio-cazzaniga',
    name: 'San Biagio–Cazzaniga',
    office: 'san-biagio-cazzaniga',
    streets: ['Via Prina', 'Via Cazzaniga', 'Via Lecco'],
  },
  {
    code: 'cederna-cantalupo',
    name: 'Cederna–Cantalupo',
    office: 'cederna-cantalupo',
    streets: ['Via Cederna', 'Via Stelvio', "Via Sant'Andrea"],
  },
];

/** Adds the demo neighbourhoods to a demo tenant that has none yet (also for databases seeded earlier). */
export async function seedDemoNeighbourhoods(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', MONZA.code).executeTakeFirst();
  if (!tenant) return;
  const existing = await db
    .selectFrom('neighbourhood')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  const offices = await db.selectFrom('office').select(['id', 'code']).where('tenant_id', '=', tenant.id).execute();
  await asSystem(db, async (trx) => {
    for (const n of NEIGHBOURHOODS) {
      const office = offices.find((o) => o.code === n.office);
      if (!office) continue;
      const id = newId();
      await trx
        .insertInto('neighbourhood')
        .values({ id, tenant_id: tenant.id, code: n.code, name: n.name, office_id: office.id })
        .execute();
      for (const street of n.streets) {
        await trx
          .insertInto('street_area')
          .values({
            id: newId(),
            tenant_id: tenant.id,
            municipality_code: MONZA.belfiore_code,
            street_key: sql<string>`f_name_key(${street})`,
            street_name: street,
            neighbourhood_id: id,
            demo: true,
          })
          .execute();
      }
    }
  });
}

/**
 * Demo need taxonomy, version 1: the three SIUSS user areas (AreaUtenza) on top, local categories
 * under them. An admin changes it by publishing a new version; recorded requests keep this one.
 */
const SIUSS_TOP: NeedAreaInput[] = [
  { code: 'families_minors', siussArea: 1, labelIt: 'Famiglie e minori', labelEn: 'Families and minors' },
  {
    code: 'disability_dependency',
    siussArea: 2,
    labelIt: 'Disabilità e non autosufficienza',
    labelEn: 'Disability and dependency',
  },
  {
    code: 'poverty_exclusion',
    siussArea: 3,
    labelIt: 'Povertà ed esclusione sociale',
    labelEn: 'Poverty and social exclusion',
  },
];
const LOCAL_NEEDS: [parent: string, code: string, it: string, en: string][] = [
  ['families_minors', 'school', 'Scuola e servizi per l’infanzia', 'School and childcare'],
  ['families_minors', 'violence', 'Violenza e maltrattamento', 'Violence and abuse'],
  ['disability_dependency', 'health', 'Salute', 'Health'],
  ['disability_dependency', 'caregiving', 'Cura di un familiare', 'Caring for a relative'],
  ['disability_dependency', 'isolation', 'Solitudine e isolamento', 'Loneliness and isolation'],
  ['poverty_exclusion', 'housing', 'Casa', 'Housing'],
  ['poverty_exclusion', 'work', 'Lavoro', 'Work'],
  ['poverty_exclusion', 'income', 'Reddito e spese', 'Income and bills'],
  ['poverty_exclusion', 'migration_documents', 'Migrazione e documenti', 'Migration and documents'],
  ['poverty_exclusion', 'addiction', 'Dipendenze', 'Addiction'],
  ['poverty_exclusion', 'justice', 'Giustizia', 'Justice'],
  ['poverty_exclusion', 'other', 'Altro', 'Other'],
];
export const DEMO_TAXONOMY: NeedAreaInput[] = [
  ...SIUSS_TOP,
  ...LOCAL_NEEDS.map(([parentCode, code, labelIt, labelEn]) => ({ code, parentCode, labelIt, labelEn })),
];

/** Publishes the demo need taxonomy for a demo tenant that has none yet (also for databases seeded earlier). */
export async function seedDemoTaxonomy(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', MONZA.code).executeTakeFirst();
  if (!tenant) return;
  const existing = await db
    .selectFrom('need_taxonomy_version')
    .select('id')
    .where('tenant_id', '=', tenant.id)
    .limit(1)
    .executeTakeFirst();
  if (existing) return;
  await asSystem(db, (trx) =>
    insertTaxonomyVersion(trx, tenant.id, DEMO_TAXONOMY, {
      publishedAt: new Date(),
      publishedBy: null,
      note: 'Demo: SIUSS user areas and local categories',
    }),
  );
}

export async function hasAnyTenant(db: Db): Promise<boolean> {
  return (await db.selectFrom('tenant').select('id').limit(1).executeTakeFirst()) !== undefined;
}

const credentialsFile = (dataDir: string) => path.join(dataDir, 'demo-credentials.json');

export async function readDemoCredentials(
  dataDir: string,
): Promise<{ usernames: string[]; password: string } | undefined> {
  return fs.readFile(credentialsFile(dataDir), 'utf8').then(
    (text) => JSON.parse(text) as { usernames: string[]; password: string },
    () => undefined,
  );
}

/**
 * Seeds the demo: the tenant, offices and operators once (true when it did), then the reference data
 * later releases added (neighbourhoods, need taxonomy, interview questionnaire), each only if missing,
 * so a demo database seeded by an earlier version gets them too. The demo password is random per
 * installation, kept in DATA_DIR and printed.
 */
export async function seedDemo(db: Db, dataDir: string, requestId: string): Promise<boolean> {
  const created = !(await hasAnyTenant(db)) && (await seedDemoTenant(db, dataDir, requestId));
  await seedDemoNeighbourhoods(db);
  await seedDemoTaxonomy(db);
  await seedDemoQuestionnaire(db);
  await seedDemoDirectory(db);
  await seedDemoReferrals(db);
  await seedDemoAppointments(db);
  await seedDemoRequests(db);
  await seedDemoStreets(db);
  await seedDemoBenefits(db);
  return created;
}

async function seedDemoTenant(db: Db, dataDir: string, requestId: string): Promise<true> {
  const tenantId = newId();
  await asSystem(db, async (trx) => {
    await trx
      .insertInto('tenant')
      .values({ id: tenantId, ...MONZA })
      .execute();
    for (const { afternoons, ...o } of OFFICES) {
      const id = newId();
      await insertOffice(trx, { ...o, id, tenantId });
      const slots = [1, 2, 3, 4, 5].flatMap((weekday) => [
        { id: newId(), office_id: id, weekday, ...MORNING },
        // Monday and Thursday afternoons at San Rocco and Cederna (DOMAIN.md §2).
        ...(afternoons && (weekday === 1 || weekday === 4)
          ? [{ id: newId(), office_id: id, weekday, ...AFTERNOON }]
          : []),
      ]);
      await insertHours(trx, tenantId, slots);
    }
    await recordEvent(
      trx,
      { actor: { kind: 'system', tenantId }, requestId },
      { action: 'demo.seed', recordType: 'tenant', recordId: tenantId },
    );
  });
  const password = `demo-${randomBytes(6).toString('hex')}`;
  for (const op of OPERATORS) {
    await createOperator(
      { db, clock: { now: () => new Date() }, requestId },
      {
        username: op.username,
        displayName: op.displayName,
        password,
        tenantCode: MONZA.code,
        role: op.role,
        officeCodes: op.offices,
      },
    );
  }
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(
    credentialsFile(dataDir),
    JSON.stringify({ usernames: OPERATORS.map((o) => o.username), password }),
    { mode: 0o600 },
  );
  return true;
}
