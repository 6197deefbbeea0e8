import { isOperator } from '../../platform/context.ts';
import { roleMay } from '../../platform/policy.ts';
import { FromOutcomeLinks } from '../access/index.ts';
import type { FileSection } from '../people/index.ts';
import { personCases } from './cases.file.service.ts';
import { mOf } from './cases.forms.tsx';
import type { CaseMessageKey } from './cases.messages.ts';
import { casesPermissions } from './cases.policy.ts';
import { tOf } from './cases.views.tsx';

const day = (d: Date | string, locale: string) =>
  new Date(d).toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' });

/**
 * The person file's taking-charge section (added with people's `addFileSection`): the cases the reader
 * reaches with status, area and responsible worker; links to propose taking charge, also from an access's
 * take-charge outcome. Only for those who work cases.
 */
export const caseFileSection: FileSection = async ({ person, page }) => {
  const actor = page.ctx.actor;
  if (!isOperator(actor) || !roleMay(casesPermissions, actor, 'case.list')) return null;
  const { items, workers, pendingOutcomes } = await personCases(page.ctx, person.id);
  const t = tOf(page);
  const m = mOf(page.locale);
  const k = (key: string) => key as CaseMessageKey;
  const mayPropose = roleMay(casesPermissions, actor, 'case.propose');
  const proposeHref = `/operatori/persone/${person.id}/casi/nuova`;
  return (
    <section class="mb-5" id="casi" aria-labelledby="casi-title">
      <h2 id="casi-title" class="h3 border-bottom pb-2">
        {m('file.title')}
      </h2>
      {mayPropose ? (
        <p>
          <a class="btn btn-outline-primary btn-sm" href={proposeHref}>
            {m('file.propose')}
          </a>
        </p>
      ) : null}
      {mayPropose ? (
        <FromOutcomeLinks
          outcomes={pendingOutcomes}
          href={proposeHref}
          title={m('file.fromOutcome')}
          label={(o) => m('file.fromOutcomeLink', { code: o.accessCode, when: day(o.recordedAt, page.locale) })}
        />
      ) : null}
      {items.length === 0 ? (
        <p>{m('file.none')}</p>
      ) : (
        <table class="table" id="person-cases">
          <caption>{m('file.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.code')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{t('col.area')}</th>
              <th scope="col">{m('col.responsible')}</th>
              <th scope="col">{t('col.proposed')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <tr>
                <th scope="row">
                  <a href={`/operatori/casi/${c.id}`}>{c.code}</a>
                </th>
                <td>{t(k(`status.${c.status}`))}</td>
                <td>{t(k(`area.${c.area}`))}</td>
                <td>{c.responsibleWorkerId ? (workers[c.responsibleWorkerId] ?? '—') : '—'}</td>
                <td>{day(c.proposedAt, page.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
};
