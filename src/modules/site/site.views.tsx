import type { MessageKey } from '../../platform/i18n/index.ts';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { AccessAdminLink, AccessesLink, IndicatorsLink, TodayAccesses, type TodayByOffice } from '../access/index.ts';
import { RequestLink } from '../appointments/index.ts';
import { SelfCheckLink } from '../benefits/index.ts';
import { DirectoryLink, ServicesLink } from '../directory/index.ts';
import { HoursList, type Office, OfficeCard, type OfficeToday } from '../offices/index.ts';
import { OpeningsToReviewLink } from '../people/index.ts';
import { ReferralSettingsLink } from '../referrals/index.ts';

export function HomePage({ page, offices }: { page: PageCtx; offices: Office[] }) {
  const { t } = page;
  return (
    <Layout page={page} title={t('home.title')}>
      <h1>{t('home.title')}</h1>
      <p class="lead">{t('home.lead')}</p>
      <ServicesLink page={page} />
      <SelfCheckLink page={page} />
      <RequestLink page={page} />
      <h2 class="mt-5">{t('home.offices')}</h2>
      <ul class="row list-unstyled g-4 mt-1">
        {offices.map((o) => (
          <li class="col-md-6 col-lg-4" key={o.id}>
            <OfficeCard office={o} t={t} />
          </li>
        ))}
      </ul>
      {offices.some((o) => o.demoValues.length > 0) ? <p class="small mt-3">{t('site.demoNote')}</p> : null}
    </Layout>
  );
}

/** Privacy notice, legal notes, accessibility statement: short, real texts from the catalogue. */
export function TextPage({ page, title, paragraphs }: { page: PageCtx; title: MessageKey; paragraphs: MessageKey[] }) {
  const { t } = page;
  return (
    <Layout page={page} title={t(title)} crumbs={[{ label: t(title) }]}>
      <h1>{t(title)}</h1>
      {paragraphs.map((p) => (
        <p key={p}>{t(p)}</p>
      ))}
    </Layout>
  );
}

export function OperatorHome(props: {
  page: PageCtx;
  name: string;
  roleLabel: string;
  today: OfficeToday[] | undefined;
  /** Today's accesses per office (roles that list accesses). */
  accessesToday?: TodayByOffice | undefined;
  canAudit: boolean;
  /** Work pages of other modules the operator may use: link target and its label key. */
  workLinks: readonly { href: string; label: MessageKey }[];
  canSearchPeople: boolean;
  canRegisterAccesses?: boolean;
  canReadIndicators?: boolean;
  canAdministerAccess?: boolean;
  /** Break-the-glass openings of confidential files waiting for the coordinator's review. */
  openingsToReview?: number | undefined;
}) {
  const { page } = props;
  const t = page.t;
  return (
    <Layout page={page} title={t('ops.title')} crumbs={[{ label: t('ops.title') }]}>
      <h1>{t('ops.welcome', { name: props.name })}</h1>
      <p>
        {t('ops.role')}: {props.roleLabel}
      </p>
      <nav aria-label={t('ops.menu')} class="mb-4">
        <ul class="list-inline">
          {props.canRegisterAccesses ? (
            <li class="list-inline-item">
              <AccessesLink page={page} />
            </li>
          ) : null}
          {props.canReadIndicators ? (
            <li class="list-inline-item">
              <IndicatorsLink page={page} />
            </li>
          ) : null}
          {props.canAdministerAccess ? (
            <li class="list-inline-item">
              <AccessAdminLink page={page} />
            </li>
          ) : null}
          {props.canAdministerAccess ? (
            <li class="list-inline-item">
              <ReferralSettingsLink page={page} />
            </li>
          ) : null}
          {props.canSearchPeople ? (
            <li class="list-inline-item">
              <a href="/operatori/persone">{t('ops.people')}</a>
            </li>
          ) : null}
          {props.workLinks.map((l) => (
            <li class="list-inline-item" key={l.href}>
              <a href={l.href}>{t(l.label)}</a>
            </li>
          ))}
          {props.canAudit ? (
            <li class="list-inline-item">
              <a href="/operatori/audit">{t('ops.audit')}</a>
            </li>
          ) : null}
          <li class="list-inline-item">
            <DirectoryLink page={page} />
          </li>
          <li class="list-inline-item">
            <a href="/operatori/password">{t('ops.changePassword')}</a>
          </li>
        </ul>
      </nav>
      {props.openingsToReview !== undefined ? (
        <OpeningsToReviewLink page={page} count={props.openingsToReview} />
      ) : null}
      {props.today?.length === 0 ? <p>{t('ops.noOffice')}</p> : null}
      {props.today?.map(({ office, openNow, todayHours }) => (
        <section class="mb-5" key={office.id} aria-labelledby={`office-${office.code}`}>
          <h2 id={`office-${office.code}`} class="h3">
            {t('ops.today', { office: office.name })}
          </h2>
          <p>
            <span class={`badge ${openNow ? 'bg-success' : 'bg-secondary'}`}>
              {openNow ? t('ops.openNow') : t('ops.closedNow')}
            </span>
          </p>
          <HoursList hours={todayHours} t={t} />
          {props.accessesToday ? (
            <TodayAccesses
              page={page}
              officeName={office.name}
              items={props.accessesToday.byOffice.get(office.id) ?? []}
              areas={props.accessesToday.areas}
            />
          ) : (
            <p class="mt-3">{t('ops.todayEmpty')}</p>
          )}
        </section>
      ))}
    </Layout>
  );
}
