import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { formatWhen } from './booking.messages.ts';
import { Check, ErrorSummary, Field, Radios } from './ui.tsx';
import { type WaitlistKey, waitlistT } from './waitlist.messages.ts';
import type { WaitingEntry } from './waitlist.service.ts';

export interface JoinForm {
  office: string;
  topic: string;
  weekdays: number[];
  partOfDay: string;
  name: string;
  email: string;
  phone: string;
  language: string;
  privacy: string;
  channel: string;
  /** The person of the file the entry was started from (a UUID), or ''. */
  person?: string;
}

export const EMPTY_JOIN: JoinForm = {
  office: '',
  topic: '',
  weekdays: [],
  partOfDay: 'any',
  name: '',
  email: '',
  phone: '',
  language: 'it',
  privacy: '',
  channel: 'desk',
};

/** On the booking's date-and-time step: the way to the waiting list of the chosen office. */
export function WaitlistLink({ locale, officeId }: { locale: 'it' | 'en'; officeId: string }) {
  if (!officeId) return null;
  return (
    <p class="mb-4">
      <a href={`/prenota/lista-attesa?ufficio=${encodeURIComponent(officeId)}`}>{waitlistT(locale)('joinLink')}</a>
    </p>
  );
}

/** The fields shared by the public form and the desk's form. */
function JoinFields(props: {
  locale: 'it' | 'en';
  form: JoinForm;
  errors: Record<string, string>;
  topics: { code: string; label: string }[];
  desk: boolean;
}) {
  const t = waitlistT(props.locale);
  const { form: f, errors: e } = props;
  const days = [1, 2, 3, 4, 5, 6, 7] as const;
  return (
    <>
      <Radios
        id="topic"
        name="topic"
        legend={t('topic')}
        value={f.topic}
        error={e.topic}
        options={props.topics.map((o) => ({ value: o.code, label: o.label }))}
      />
      <fieldset class="mb-4" aria-describedby={e.weekdays ? 'weekdays-error weekdays-hint' : 'weekdays-hint'}>
        <legend class="h6 fw-semibold">{t('weekdays')}</legend>
        <p id="weekdays-hint" class="form-text mt-0">
          {t('weekdaysHint')}
        </p>
        {e.weekdays ? (
          <div id="weekdays-error" class="invalid-feedback d-block">
            {e.weekdays}
          </div>
        ) : null}
        {days.map((d) => (
          <div class="form-check form-check-inline" key={d}>
            <input
              type="checkbox"
              class="form-check-input"
              id={d === 1 ? 'weekdays' : `weekdays-${d}`}
              name="weekdays"
              value={String(d)}
              checked={f.weekdays.includes(d)}
            />
            <label class="form-check-label" for={d === 1 ? 'weekdays' : `weekdays-${d}`}>
              {t(`weekday.${d}`)}
            </label>
          </div>
        ))}
      </fieldset>
      <Radios
        id="partOfDay"
        name="partOfDay"
        legend={t('partOfDay')}
        value={f.partOfDay}
        error={e.partOfDay}
        options={(['any', 'morning', 'afternoon'] as const).map((p) => ({ value: p, label: t(`part.${p}`) }))}
      />
      {props.desk ? (
        <Radios
          id="channel"
          name="channel"
          legend={t('channel')}
          value={f.channel}
          options={(['desk', 'phone'] as const).map((c) => ({ value: c, label: t(`channel.${c}`) }))}
        />
      ) : null}
      <Field id="name" label={t('name')} value={f.name} error={e.name} autocomplete="name" />
      <Field
        id="email"
        type="email"
        label={t('email')}
        value={f.email}
        error={e.email}
        hint={t('emailHint')}
        autocomplete="email"
      />
      <Field id="phone" type="tel" label={t('phone')} value={f.phone} error={e.phone} autocomplete="tel" />
      <Radios
        id="language"
        name="language"
        legend={t('language')}
        value={f.language}
        error={e.language}
        options={(['it', 'en'] as const).map((l) => ({ value: l, label: t(`language.${l}`) }))}
      />
      {props.desk ? (
        <input type="hidden" name="privacy" value="yes" />
      ) : (
        <Check
          id="privacy"
          label={<a href="/privacy">{t('privacy')}</a>}
          checked={f.privacy === 'yes'}
          error={e.privacy}
        />
      )}
    </>
  );
}

export function JoinPage(props: {
  page: PageCtx;
  csrf: string;
  officeName: string;
  form: JoinForm;
  errors: Record<string, string>;
  topics: { code: string; label: string }[];
  joined?: boolean;
}) {
  const t = waitlistT(props.page.locale);
  return (
    <Layout page={props.page} title={t('title')} crumbs={[{ label: t('title') }]}>
      <h1>{props.joined ? t('joined') : t('title')}</h1>
      {props.joined ? (
        <>
          <Alert kind="success">{t('joinedText')}</Alert>
          <p>
            <a href="/prenota">{t('backToBooking')}</a>
          </p>
        </>
      ) : (
        <>
          <p>{t('intro')}</p>
          <p>
            <strong>{t('office')}:</strong> {props.officeName}
          </p>
          <ErrorSummary title={t('errors.title')} errors={props.errors} />
          <form method="post" action="/prenota/lista-attesa" novalidate>
            <Csrf token={props.csrf} />
            <input type="hidden" name="office" value={props.form.office} />
            <JoinFields
              locale={props.page.locale}
              form={props.form}
              errors={props.errors}
              topics={props.topics}
              desk={false}
            />
            <button type="submit" class="btn btn-primary">
              {t('join')}
            </button>
          </form>
        </>
      )}
    </Layout>
  );
}

/** The operators' waiting list of one office, with the desk's form to add someone. */
export function WaitlistPage(props: {
  page: PageCtx;
  csrf: string;
  office: { id: string; name: string };
  entries: WaitingEntry[];
  topics: { code: string; label: string }[];
  form: JoinForm;
  errors: Record<string, string>;
  notice?: { key: WaitlistKey; kind: 'success' | 'warning' } | undefined;
}) {
  const locale = props.page.locale;
  const t = waitlistT(locale);
  const title = t('listTitle', { office: props.office.name });
  const prefs = (e: WaitingEntry) =>
    [
      locale === 'it' ? e.topic.it : e.topic.en,
      e.weekdays.length === 0 ? '' : e.weekdays.map((d) => t(`weekday.${d}` as WaitlistKey)).join(', '),
      t(`part.${e.partOfDay}`),
    ]
      .filter(Boolean)
      .join(' · ');
  return (
    <Layout
      page={props.page}
      title={title}
      crumbs={[
        { label: props.page.t('site.operatorArea'), href: '/operatori' },
        { label: 'Agenda', href: `/operatori/agenda?ufficio=${props.office.id}` },
        { label: t('title') },
      ]}
    >
      <h1>{title}</h1>
      {props.notice ? <Alert kind={props.notice.kind}>{t(props.notice.key)}</Alert> : null}
      {props.entries.length === 0 ? (
        <p>{t('noEntries')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table">
            <caption>{t('listCaption', { office: props.office.name })}</caption>
            <thead>
              <tr>
                {(['since', 'who', 'contact', 'wants', 'state', 'actions'] as const).map((k) => (
                  <th scope="col" key={k}>
                    {t(k)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {props.entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatWhen(locale, e.createdAt, 'day')}</td>
                  <th scope="row">{e.applicant.name}</th>
                  <td>{[e.applicant.phone, e.applicant.email].filter(Boolean).join(' · ')}</td>
                  <td>{prefs(e)}</td>
                  <td>
                    {e.offer
                      ? t('status.offered', {
                          when: formatWhen(locale, e.offer.startsAt),
                          until: formatWhen(locale, e.offer.expiresAt),
                        })
                      : t('status.waiting')}
                  </td>
                  <td>
                    {e.status === 'waiting' ? (
                      <form method="post" action={`/operatori/agenda/lista-attesa/${e.id}/togli`}>
                        <Csrf token={props.csrf} />
                        <input type="hidden" name="version" value={String(e.version)} />
                        <button
                          type="submit"
                          class="btn btn-sm btn-outline-secondary"
                          aria-label={t('withdrawFor', { name: e.applicant.name })}
                        >
                          {t('withdraw')}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2 class="h3 mt-4" id="aggiungi">
        {t('addTitle')}
      </h2>
      <ErrorSummary title={t('errors.title')} errors={props.errors} />
      <form method="post" action="/operatori/agenda/lista-attesa" novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="office" value={props.office.id} />
        {props.form.person ? <input type="hidden" name="person" value={props.form.person} /> : null}
        <JoinFields locale={locale} form={props.form} errors={props.errors} topics={props.topics} desk={true} />
        <button type="submit" class="btn btn-primary">
          {t('add')}
        </button>
      </form>
    </Layout>
  );
}
