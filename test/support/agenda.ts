import { insertTaxonomyVersion } from '../../src/modules/access/index.ts';
import { bookAppointment } from '../../src/modules/appointments/index.ts';
import type { Ctx } from '../../src/platform/context.ts';
import { ROLES, type Role } from '../../src/platform/context.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { buildBookableOffice, fixedClock } from './appointments.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from './factories.ts';
import { savePerson } from './people.ts';

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
  const bookOnline = async (officeId: string, startsAt: Date, personId?: string) => {
    const r = await bookAppointment(personId ? ctxOf('front_office') : resident, {
      ...(personId ? { personId } : {}),
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
  /** Publishes a two-area need taxonomy (the access register needs one to register an access). */
  const withTaxonomy = () =>
    asSystem(db, (trx) =>
      insertTaxonomyVersion(
        trx,
        tenant.id,
        [
          { code: 'information', labelIt: 'Informazioni', labelEn: 'Information' },
          { code: 'housing', labelIt: 'Casa', labelEn: 'Housing' },
        ],
        { publishedAt: new Date('2026-01-01T00:00:00Z'), publishedBy: null, note: 'test' },
      ),
    );
  const person = async (givenNames: string, familyNames: string) =>
    (await savePerson(ctxOf('social_worker'), { givenNames, familyNames })).id;
  return { tenant, here, elsewhere, operators, ctxOf, bookOnline, withTaxonomy, person };
}
