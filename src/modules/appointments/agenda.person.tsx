import type { Ctx } from '../../platform/context.ts';
import { isOperator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { roleMay } from '../../platform/policy.ts';
import { inOfficeScope } from '../access/index.ts';
import { recordEvent } from '../audit/index.ts';
import type { FileSection } from '../people/index.ts';
import { agendaT } from './agenda.messages.ts';
import { appointmentsPermissions } from './agenda.policy.ts';
import { personAppointments } from './agenda.repository.ts';
import { formatWhen } from './booking.messages.ts';
import { romeDayTime } from './calendar.ts';

export interface PersonAppointment {
  id: string;
  code: string;
  officeId: string;
  officeName: string;
  startsAt: Date;
  status: 'booked' | 'cancelled' | 'attended' | 'no_show';
  topic: { it: string; en: string };
  accessId: string | null;
}

/** A person's bookings at the operator's offices (newest first, at most 50); audited with the ids shown. */
export async function appointmentsOfPerson(ctx: Ctx, personId: string): Promise<PersonAppointment[]> {
  const actor = ctx.actor;
  if (!isOperator(actor) || !roleMay(appointmentsPermissions, actor, 'agenda.read')) return [];
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = (await personAppointments(trx, actor.tenantId, personId)).filter((r) =>
      inOfficeScope(actor, r.office_id),
    );
    await recordEvent(trx, ctx, {
      action: 'agenda.read',
      recordType: 'person',
      recordId: personId,
      details: { ids: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      officeId: r.office_id,
      officeName: r.office_name,
      startsAt: r.starts_at,
      status: r.status as PersonAppointment['status'],
      topic: { it: r.topic_it, en: r.topic_en },
      accessId: r.access_id,
    }));
  });
}

/**
 * The person file's "Appuntamenti" section (added with people's `addFileSection`): their bookings with
 * links to the agenda day and the access, and "Prenota un appuntamento" opening the desk booking with
 * the person chosen. Hidden from roles without the agenda.
 */
export const appointmentsFileSection: FileSection = async ({ person, page }) => {
  const actor = page.ctx.actor;
  if (!isOperator(actor) || !roleMay(appointmentsPermissions, actor, 'agenda.read')) return null;
  const t = agendaT(page.locale);
  const list = await appointmentsOfPerson(page.ctx, person.id);
  return (
    <section class="mb-5" id="appuntamenti" aria-labelledby="appuntamenti-title">
      <h2 id="appuntamenti-title" class="h3 border-bottom pb-2">
        {t('personTitle')}
      </h2>
      {list.length === 0 ? (
        <p>{t('personNone')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('personCaption')}</caption>
            <thead>
              <tr>
                {(['when', 'code', 'office', 'topic', 'status', 'access'] as const).map((k) => (
                  <th scope="col" key={k}>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <tr key={a.id}>
                  <td>
                    <a href={`/operatori/agenda?ufficio=${a.officeId}&giorno=${romeDayTime(a.startsAt).day}`}>
                      {formatWhen(page.locale, a.startsAt)}
                    </a>
                  </td>
                  <th scope="row">{a.code}</th>
                  <td>{a.officeName}</td>
                  <td>{page.locale === 'it' ? a.topic.it : a.topic.en}</td>
                  <td>{t(`status.${a.status}`)}</td>
                  <td>
                    {a.accessId ? (
                      <a href={`/operatori/accessi/${a.accessId}`} aria-label={t('openAccess', { code: a.code })}>
                        {t('openAccessShort')}
                      </a>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {roleMay(appointmentsPermissions, actor, 'agenda.manage') ? (
        <p>
          <a class="btn btn-outline-primary btn-sm" href={`/operatori/agenda?persona=${person.id}#prenota`}>
            {t('bookForPerson')}
          </a>{' '}
          <a
            class="btn btn-outline-secondary btn-sm"
            href={`/operatori/agenda/lista-attesa?persona=${person.id}#aggiungi`}
          >
            {t('waitForPerson')}
          </a>
        </p>
      ) : null}
    </section>
  );
};
