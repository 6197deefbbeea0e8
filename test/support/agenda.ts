import { bookAppointment } from '../../src/modules/appointments/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { ROLES, type Role } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { buildBookableOffice, fixedClock } from './appointments.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from './factories.ts';

// Friday 27 November 2026, 09:00 in Rome.
export const AGENDA_CLOCK = fixedClock('2026-11-27T08:00:00Z');

/** A tenant with two bookable offices, an operator of every role at the first, and one online booking there. */
export async function agendaScopes(db: Db) {
  const tenant = await buildTenant(db);
  const here = await buildBookableOffice(db, tenant, { capacity: 3 });
  const elsewhere = await buildBookableOffice(db, tenant, { capacity: 3 });
  const operators = {} as Record<Role, TestOperator>;
  for (const role of ROLES) operators[role] = await buildOperator(db, tenant, role, { offices: [here] });
  const ctxOf = (role: Role, officeIds = [here.id]): Ctx => operatorCtx(db, operators[role], AGENDA_CLOCK, officeIds);
  const resident: Ctx = {
    actor: { kind: 'anonymous', tenantId: tenant.id },
    requestId: 'test-agenda',
    clock: AGENDA_CLOCK,
    db,
  };
  const bookOnline = async (officeId: string, startsAt: Date) => {
    const r = await bookAppointment(resident, {
      officeId,
      topicCode: 'colloquio',
      startsAt,
      details: '',
      name: 'Carla Fumagalli',
      phone: '039 000000',
      email: '',
      language: 'it',
      channel: 'online',
    });
    if (r.kind !== 'booked') throw new Error('not booked');
    return r.appointment;
  };
  return { tenant, here, elsewhere, operators, ctxOf, bookOnline };
}
