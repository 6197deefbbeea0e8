import { isOperator } from '../../platform/context.ts';
import { messagesFor } from '../../platform/i18n/index.ts';
import { roleMay } from '../../platform/policy.ts';
import { FromOutcomeLinks } from '../access/index.ts';
import type { FileSection } from '../people/index.ts';
import { personReferrals } from './referrals.file.service.ts';
import type { ReferralMessageKey } from './referrals.messages.ts';
import type { ReferralView } from './referrals.model.ts';
import { type MoreMessageKey, moreMessages } from './referrals.more.messages.ts';
import { referralsPermissions } from './referrals.policy.ts';
import { tOf } from './referrals.views.tsx';

type M = (key: MoreMessageKey, params?: Record<string, string | number>) => string;
export const mOf = (locale: 'it' | 'en'): M => messagesFor(moreMessages, locale);

const day = (d: Date | string | null, locale: string) =>
  d ? new Date(d).toLocaleDateString(locale === 'it' ? 'it-IT' : 'en-GB', { timeZone: 'Europe/Rome' }) : '—';

/** Where a referral goes, in words: the area, the public body, or the organization's name. */
export function destinationText(m: M, r: ReferralView, organizations: Record<string, string>): string {
  const d = r.destination;
  if (d.type === 'internal_area') return `${m('dest.internal_area')}: ${m(`area.${d.internalArea}` as MoreMessageKey)}`;
  if (d.type === 'public_body') return m(`body.${d.publicBody}` as MoreMessageKey);
  return (d.organizationId && organizations[d.organizationId]) || m('dest.partner');
}

/**
 * The person file's referrals section (added with people's `addFileSection`): each referral the reader
 * reaches with its destination, status and closed loop (coded outcome, the person's own answer), links to
 * start a new one — also from an access outcome that asked for it. Hidden from roles that do not refer.
 */
export const referralFileSection: FileSection = async ({ person, page }) => {
  const actor = page.ctx.actor;
  if (!isOperator(actor) || actor.role === 'partner' || !roleMay(referralsPermissions, actor, 'referral.list'))
    return null;
  const { items, organizations, pendingOutcomes } = await personReferrals(page.ctx, person.id);
  const t = tOf(page);
  const m = mOf(page.locale);
  const mayCreate = roleMay(referralsPermissions, actor, 'referral.create');
  const newHref = `/operatori/persone/${person.id}/invii/nuovo`;
  return (
    <section class="mb-5" id="invii" aria-labelledby="invii-title">
      <h2 id="invii-title" class="h3 border-bottom pb-2">
        {m('file.title')}
      </h2>
      {mayCreate ? (
        <p>
          <a class="btn btn-outline-primary btn-sm" href={newHref}>
            {m('file.new')}
          </a>
        </p>
      ) : null}
      {mayCreate ? (
        <FromOutcomeLinks
          outcomes={pendingOutcomes}
          href={newHref}
          title={m('file.fromOutcome')}
          label={(o) => m('file.fromOutcomeLink', { code: o.accessCode, when: day(o.recordedAt, page.locale) })}
        />
      ) : null}
      {items.length === 0 ? (
        <p>{m('file.none')}</p>
      ) : (
        <table class="table" id="person-referrals">
          <caption>{m('file.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('col.code')}</th>
              <th scope="col">{m('col.destination')}</th>
              <th scope="col">{t('col.status')}</th>
              <th scope="col">{m('col.outcome')}</th>
              <th scope="col">{m('col.followUp')}</th>
              <th scope="col">{t('col.sent')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/operatori/invii/${r.id}`}>{r.code}</a>
                </th>
                <td>{destinationText(m, r, organizations)}</td>
                <td>{t(`status.${r.status}` as ReferralMessageKey)}</td>
                <td>
                  {r.outcome
                    ? t(`outcome.${r.outcome}` as ReferralMessageKey)
                    : r.declineReason
                      ? t(`decline.${r.declineReason}` as ReferralMessageKey)
                      : '—'}
                </td>
                <td>{r.followUp?.answer ? t(`followUp.${r.followUp.answer}` as ReferralMessageKey) : '—'}</td>
                <td>{day(r.sentAt, page.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="text-muted">{m('file.scope')}</p>
    </section>
  );
};
