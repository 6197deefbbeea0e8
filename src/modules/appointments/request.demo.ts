import { asSystem, type Db, type Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

export interface NewAssistanceService {
  code: string;
  categoryCode: string;
  categoryIt: string;
  categoryEn: string;
  it: string;
  en: string;
  needAreaCode: string;
  maxDays: number;
  officeId: string;
  sortOrder?: number;
}

/** One service residents may ask about online, with the office that takes it in charge and its maximum days. */
export async function insertAssistanceService(
  db: Executor,
  tenantId: string,
  s: NewAssistanceService,
): Promise<string> {
  const id = newId();
  await db
    .insertInto('assistance_service')
    .values({
      id,
      tenant_id: tenantId,
      code: s.code,
      category_code: s.categoryCode,
      category_it: s.categoryIt,
      category_en: s.categoryEn,
      label_it: s.it,
      label_en: s.en,
      need_area_code: s.needAreaCode,
      max_days: s.maxDays,
      office_id: s.officeId,
      sort_order: s.sortOrder ?? 0,
    })
    .execute();
  return id;
}

const C = {
  money: ['casa-reddito', 'Casa, lavoro e sostegno economico', 'Housing, work and financial support'],
  care: ['anziani-disabilita', 'Anziani e persone con disabilità', 'Older and disabled people'],
  family: ['famiglie', 'Famiglie e minori', 'Families and children'],
  info: ['informazioni', 'Informazioni', 'Information'],
} as const;

/** Demo services; the maximum days are demo values (a real installation sets its own in the service charter). */
const SERVICES: [cat: keyof typeof C, code: string, it: string, en: string, need: string, days: number][] = [
  ['money', 'contributo-economico', 'Contributo economico', 'Financial support', 'income', 30],
  ['money', 'emergenza-abitativa', 'Casa ed emergenza abitativa', 'Housing and housing emergencies', 'housing', 30],
  ['money', 'orientamento-lavoro', 'Orientamento al lavoro', 'Finding work', 'work', 30],
  ['care', 'assistenza-domiciliare', 'Assistenza a domicilio', 'Home care', 'caregiving', 30],
  ['care', 'solitudine', 'Solitudine e compagnia', 'Loneliness and company', 'isolation', 15],
  ['family', 'sostegno-famiglia', 'Sostegno alla famiglia e alla scuola', 'Family and school support', 'school', 30],
  [
    'info',
    'informazioni-servizi',
    'Informazioni sui servizi sociali',
    'Information about social services',
    'other',
    10,
  ],
];

/** Online request services for the Monza demo, all taken in charge by the central office. Idempotent. */
export async function seedDemoRequests(db: Db): Promise<void> {
  const tenant = await db.selectFrom('tenant').select('id').where('code', '=', 'monza').executeTakeFirst();
  if (!tenant) return;
  await asSystem(db, async (trx) => {
    const done = await trx
      .selectFrom('assistance_service')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirst();
    const office = await trx
      .selectFrom('office')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('code', '=', 'centrale')
      .executeTakeFirst();
    if (done || !office) return;
    for (const [i, [cat, code, it, en, need, days]] of SERVICES.entries()) {
      const [categoryCode, categoryIt, categoryEn] = C[cat];
      await insertAssistanceService(trx, tenant.id, {
        code,
        categoryCode,
        categoryIt,
        categoryEn,
        it,
        en,
        needAreaCode: need,
        maxDays: days,
        officeId: office.id,
        sortOrder: i,
      });
    }
  });
}
