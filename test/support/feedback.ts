import { explainRating, rateService } from '../../src/modules/appointments/feedback.service.ts';
import { ROLES } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { fixedClock } from './appointments.ts';
import { buildOperator, buildTenant, type TestOperator, type TestTenant } from './factories.ts';

/** A tenant with one operator per role and a few anonymous ratings (two days in November 2026). */
export async function buildFeedbackWorld(
  db: Db,
): Promise<{ tenant: TestTenant; operators: Record<string, TestOperator> }> {
  const tenant = await buildTenant(db);
  const operators: Record<string, TestOperator> = {};
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role);
  const rate = async (at: string, page: string, rating: number, aspect = '', comment = '') => {
    const deps = { db, clock: fixedClock(at) };
    const id = await rateService(deps, tenant.id, { page, rating });
    if (!id) throw new Error('rating refused');
    if (aspect || comment) await explainRating(deps, tenant.id, { id, rating, aspect, comment });
  };
  await rate('2026-11-20T09:00:00Z', 'prenota', 5, 'clear', 'Molto semplice, grazie');
  await rate('2026-11-20T10:00:00Z', 'prenota', 4, 'clear');
  await rate('2026-11-21T10:00:00Z', 'prenota', 2, 'lost', 'Non trovavo gli orari');
  await rate('2026-11-21T11:00:00Z', 'richiesta-assistenza', 5);
  // Outside the default 90 days before 27 November 2026.
  await rate('2026-05-01T10:00:00Z', 'prenota', 1, 'technical', 'Vecchio commento');
  return { tenant, operators };
}
