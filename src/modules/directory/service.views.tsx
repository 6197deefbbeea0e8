import { messagesFor } from '../../platform/i18n/index.ts';
import { Alert } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { directoryMessages } from './directory.messages.ts';
import type { ServicePageView } from './directory.read.ts';
import { Lang } from './search.views.tsx';

type M = ReturnType<typeof messagesFor<keyof (typeof directoryMessages)['it']>>;

const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

function Schedule({ s, m, page }: { s: ServicePageView['schedules'][number]; m: M; page: PageCtx }) {
  const days = (s.byday ?? '')
    .split(',')
    .map((d) => d.trim().toUpperCase())
    .filter((d): d is (typeof DAYS)[number] => (DAYS as readonly string[]).includes(d))
    .map((d) => m(`day.${d}`))
    .join(', ');
  return (
    <li>
      {days ? `${days}: ` : ''}
      {s.opens && s.closes ? `${s.opens}–${s.closes}` : ''}
      {s.description ? (
        <>
          {days || s.opens ? ' — ' : ''}
          <Lang text={s.description} page={page} />
        </>
      ) : null}
      {s.demo ? <span class="badge bg-warning text-dark ms-2">{m('service.demo')}</span> : null}
    </li>
  );
}

/** The Modello Comuni "scheda servizio": index, who, what, how, what you need, costs, where and when, contacts. */
export function ServicePage(props: { page: PageCtx; s: ServicePageView; bookingHref?: string }) {
  const { page, s } = props;
  const m = messagesFor(directoryMessages, page.locale);
  const date = (d: Date | string) =>
    new Intl.DateTimeFormat(page.locale === 'en' ? 'en-GB' : 'it-IT', {
      dateStyle: 'long',
      timeZone: 'Europe/Rome',
    }).format(typeof d === 'string' ? new Date(`${d}T12:00:00Z`) : d);
  const sections = [
    ['who', m('service.who')],
    ['what', m('service.what')],
    ['how', m('service.how')],
    ['needed', m('service.needed')],
    ['costs', m('service.costs')],
    ['where', m('service.where')],
    ['contacts', m('service.contacts')],
    ['more', m('service.more')],
  ] as const;
  const ages =
    s.minimumAge !== undefined && s.maximumAge !== undefined
      ? m('service.ages', { min: s.minimumAge, max: s.maximumAge })
      : s.minimumAge !== undefined
        ? m('service.ageFrom', { min: s.minimumAge })
        : s.maximumAge !== undefined
          ? m('service.ageTo', { max: s.maximumAge })
          : undefined;
  const title = s.name.text;
  return (
    <Layout page={page} title={title} crumbs={[{ label: m('search.title'), href: '/servizi' }, { label: title }]}>
      <article>
        <h1 data-element="service-title" lang={s.name.lang !== page.locale ? s.name.lang : undefined}>
          {title}
        </h1>
        {s.alternateName ? <Lang as="p" text={s.alternateName} page={page} /> : null}
        {s.organization ? <p class="text-secondary">{`${m('service.provider')}: ${s.organization.name}`}</p> : null}
        {s.description ? (
          <div data-element="service-description" class="lead">
            <Lang as="p" text={s.description} page={page} />
          </div>
        ) : null}
        {s.status !== 'active' ? <Alert kind="warning">{m('service.inactive')}</Alert> : null}
        {s.alert ? (
          <Alert kind="info">
            <Lang text={s.alert} page={page} />
          </Alert>
        ) : null}
        {s.demo.length ? <Alert kind="warning">{m('service.demoNote')}</Alert> : null}
        {props.bookingHref ? (
          <p>
            <a class="btn btn-primary" href={props.bookingHref} data-element="service-booking-access">
              {m('service.book')}
            </a>
          </p>
        ) : null}

        <nav aria-labelledby="page-index" class="my-4">
          <h2 id="page-index" class="h5">
            {m('service.index')}
          </h2>
          <ul data-element="page-index">
            {sections.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`}>{label}</a>
              </li>
            ))}
          </ul>
        </nav>

        <section id="who" aria-labelledby="who-h">
          <h2 id="who-h">{m('service.who')}</h2>
          <div data-element="service-addressed">
            {s.eligibility ? <Lang as="p" text={s.eligibility} page={page} /> : null}
            {ages ? <p>{ages}</p> : null}
          </div>
        </section>
        <section id="what" aria-labelledby="what-h">
          <h2 id="what-h">{m('service.what')}</h2>
          {s.description ? <Lang as="p" text={s.description} page={page} /> : null}
          {s.needAreas.length ? <p>{`${m('service.areas')}: ${s.needAreas.map((a) => a.label).join(', ')}`}</p> : null}
        </section>
        <section id="how" aria-labelledby="how-h">
          <h2 id="how-h">{m('service.how')}</h2>
          <div data-element="service-how-to">
            {s.applicationProcess ? <Lang as="p" text={s.applicationProcess} page={page} /> : null}
            {s.waitTime ? <Lang as="p" text={s.waitTime} page={page} /> : null}
          </div>
        </section>
        <section id="needed" aria-labelledby="needed-h">
          <h2 id="needed-h">{m('service.needed')}</h2>
          <div data-element="service-needed">
            {s.documents.length ? (
              <ul>
                {s.documents.map((d) => (
                  <li key={d.text.text}>
                    <Lang text={d.text} page={page} />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{m('service.noDocuments')}</p>
            )}
          </div>
        </section>
        <section id="costs" aria-labelledby="costs-h">
          <h2 id="costs-h">{m('service.costs')}</h2>
          {s.fees ? <Lang as="p" text={s.fees} page={page} /> : null}
          {s.costs.length ? (
            <ul>
              {s.costs.map((c, i) => (
                <li key={String(i)}>
                  {c.option ? <Lang text={c.option} page={page} /> : null}
                  {c.amount === 0 ? ` ${m('service.free')}` : c.amount ? ` ${c.amount} ${c.currency ?? 'EUR'}` : ''}
                  {c.description ? (
                    <>
                      {' — '}
                      <Lang text={c.description} page={page} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : s.fees ? null : (
            <p>{m('service.noCost')}</p>
          )}
        </section>
        <section id="where" aria-labelledby="where-h">
          <h2 id="where-h">{m('service.where')}</h2>
          {s.locations.map((l, i) => (
            <div class="mb-3" key={String(i)}>
              {l.name ? (
                <h3 class="h5">
                  <Lang text={l.name} page={page} />
                </h3>
              ) : null}
              {l.address ? <p>{l.address}</p> : null}
              {l.transportation ? <Lang as="p" text={l.transportation} page={page} /> : null}
              {l.schedules.length ? (
                <ul>
                  {l.schedules.map((x, j) => (
                    <Schedule s={x} m={m} page={page} key={String(j)} />
                  ))}
                </ul>
              ) : null}
            </div>
          ))}
          <h3 class="h5">{m('service.hours')}</h3>
          {s.schedules.length ? (
            <ul>
              {s.schedules.map((x, j) => (
                <Schedule s={x} m={m} page={page} key={String(j)} />
              ))}
            </ul>
          ) : (
            <p>{m('service.noHours')}</p>
          )}
          {s.offices.length ? (
            <p>
              {`${m('service.offices')}: `}
              {s.offices.map((o) => o.name).join(', ')}
            </p>
          ) : null}
        </section>
        <section id="contacts" aria-labelledby="contacts-h">
          <h2 id="contacts-h">{m('service.contacts')}</h2>
          <ul class="list-unstyled">
            {s.phones.map((p) => (
              <li key={p.number}>
                {`${m('service.phone')}: `}
                <a href={`tel:${p.number.replaceAll(' ', '')}`}>{p.number}</a>
                {p.description ? (
                  <>
                    {' — '}
                    <Lang text={p.description} page={page} />
                  </>
                ) : null}
                {p.demo ? <span class="badge bg-warning text-dark ms-2">{m('service.demo')}</span> : null}
              </li>
            ))}
            {s.email ? (
              <li>
                {`${m('service.email')}: `}
                <a href={`mailto:${s.email}`}>{s.email}</a>
              </li>
            ) : null}
            {s.url ? (
              <li>
                {`${m('service.website')}: `}
                <a href={s.url}>{s.url}</a>
              </li>
            ) : null}
          </ul>
        </section>
        <section id="more" aria-labelledby="more-h">
          <h2 id="more-h">{m('service.more')}</h2>
          {s.languages.length ? <p>{`${m('service.languages')}: ${s.languages.join(', ')}`}</p> : null}
          <p data-element="metadata">
            {m('service.updated', { date: date(s.lastModified) })}
            {'. '}
            {s.assuredDate ? m('service.verified', { date: date(s.assuredDate) }) : m('service.notVerified')}
          </p>
          <p>
            <a href="/servizi">{m('service.back')}</a>
          </p>
        </section>
      </article>
    </Layout>
  );
}
