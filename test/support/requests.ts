import { insertTaxonomyVersion } from '../../src/modules/access/index.ts';
import { insertAssistanceService } from '../../src/modules/appointments/index.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { buildOffice, buildTenant, type TestOffice, type TestTenant } from './factories.ts';

/**
 * A tenant ready for online requests for assistance: an office, a need taxonomy with `housing` and
 * `information`, and two services (`casa`, 30 days; `info`, 10 days) taken in charge by that office.
 */
export async function buildRequestWorld(db: Db): Promise<{ tenant: TestTenant; office: TestOffice }> {
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  await asSystem(db, async (trx) => {
    await insertTaxonomyVersion(
      trx,
      tenant.id,
      [
        { code: 'information', labelIt: 'Informazioni', labelEn: 'Information' },
        { code: 'housing', labelIt: 'Casa', labelEn: 'Housing' },
      ],
      { publishedAt: new Date('2026-01-01T00:00:00Z'), publishedBy: null, note: 'test' },
    );
    const common = { categoryCode: 'generale', categoryIt: 'Generale', categoryEn: 'General', officeId: office.id };
    await insertAssistanceService(trx, tenant.id, {
      ...common,
      code: 'casa',
      it: 'Casa',
      en: 'Housing',
      needAreaCode: 'housing',
      maxDays: 30,
    });
    await insertAssistanceService(trx, tenant.id, {
      ...common,
      code: 'info',
      it: 'Informazioni',
      en: 'Information',
      needAreaCode: 'information',
      maxDays: 10,
      sortOrder: 1,
    });
  });
  return { tenant, office };
}

export const validRequest = (over: Record<string, string> = {}) => ({
  firstName: 'Giovanna',
  lastName: 'Sala',
  email: 'giovanna.sala@example.org',
  service: 'casa',
  message: 'Ho ricevuto lo sfratto e cerco aiuto per una nuova casa.',
  privacy: 'yes',
  ...over,
});
