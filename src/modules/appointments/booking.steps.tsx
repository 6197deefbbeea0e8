import type { PageCtx } from '../../platform/ui/layout.tsx';
import { type BT, bookingT, formatWhen } from './booking.messages.ts';
import { type BookingForm, DETAILS_MAX } from './booking.validation.ts';
import type { BookableOffice, FreeSlot } from './slots.service.ts';
import { type StreetBox, StreetSuggest } from './street.views.tsx';
import { Area, Check, Field, Radios } from './ui.tsx';
import { WaitlistLink } from './waitlist.views.tsx';

/** The bodies of the five form steps of the public booking (the page around them is booking.views.tsx). */

export interface TopicOption {
  code: string;
  label: string;
  durationMinutes: number;
}

export interface StepData {
  offices: BookableOffice[];
  office?: BookableOffice | undefined;
  topics: TopicOption[];
  /** Month step: days of the shown month with free times. */
  days: { day: string; free: number }[];
  /** Slots of the chosen day, or the alternatives after a lost race. */
  slots: FreeSlot[];
  taken?: boolean;
  minMonth: string;
  maxMonth: string;
  /** Step 1: the street typed to suggest the office, and what was found. */
  street?: StreetBox | undefined;
}

export const tb = (page: PageCtx): BT => bookingT(page.locale);

const monthAdd = (month: string, n: number) => {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

export function OfficeStep({ page, form, data, e }: StepProps) {
  const t = tb(page);
  if (data.offices.length === 0) return <p>{t('office.none')}</p>;
  return (
    <>
      <StreetSuggest page={page} offices={data.offices} box={data.street} />
      <Radios
        id="office"
        name="office"
        legend={t('office.legend')}
        hint={t('office.hint')}
        error={e.office}
        value={form.office}
        options={data.offices.map((o) => ({
          value: o.id,
          label: (
            <>
              <span class="fw-semibold">{o.name}</span>
              {` — ${o.address.street}, ${o.address.city}`}
            </>
          ),
        }))}
      />
    </>
  );
}

export function WhenStep({ page, form, data, e }: StepProps) {
  const t = tb(page);
  const locale = page.locale;
  return (
    <>
      <input type="hidden" name="month" value={form.month} />
      {data.taken ? (
        <div class="alert alert-warning" role="alert">
          <p class="fw-semibold mb-1">{t('taken.title')}</p>
          <p class="mb-0">{data.slots.length > 0 ? t('taken.alternatives') : t('taken.none')}</p>
        </div>
      ) : null}
      {data.taken ? null : (
        <>
          <h2 class="h4">{`${t('when.month')}: ${formatWhen(locale, noon(`${form.month}-15`), 'month')}`}</h2>
          {data.days.length === 0 ? (
            <p id="day">{t('when.noDays')}</p>
          ) : (
            <>
              <Radios
                id="day"
                name="day"
                legend={t('when.daysLegend')}
                value={form.day}
                error={form.day ? undefined : e.slot}
                options={data.days.map((d) => ({
                  value: d.day,
                  label: t('when.dayFree', { day: formatWhen(locale, noon(d.day), 'day'), n: d.free }),
                }))}
              />
              <button type="submit" name="go" value="show" class="btn btn-outline-primary btn-sm mb-4">
                {t('when.showDay')}
              </button>
            </>
          )}
        </>
      )}
      {data.slots.length > 0 ? (
        <Radios
          id="slot"
          name="slot"
          legend={
            data.taken
              ? t('taken.alternatives')
              : t('when.slotsLegend', { day: formatWhen(locale, noon(form.day), 'day') })
          }
          value={form.slot}
          error={form.day || data.taken ? e.slot : undefined}
          options={data.slots.map((s) => ({
            value: s.startsAt.toISOString(),
            label: data.taken ? formatWhen(locale, s.startsAt) : formatWhen(locale, s.startsAt, 'time'),
          }))}
        />
      ) : null}
      {data.taken ? null : (
        // After the days and times, so Enter in a radio button shows the times instead of changing month.
        <div class="d-flex gap-3 mb-4">
          {form.month > data.minMonth ? (
            <button
              type="submit"
              name="go"
              value={`month:${monthAdd(form.month, -1)}`}
              class="btn btn-outline-primary btn-sm"
            >
              {t('when.prevMonth')}
            </button>
          ) : null}
          {form.month < data.maxMonth ? (
            <button
              type="submit"
              name="go"
              value={`month:${monthAdd(form.month, 1)}`}
              class="btn btn-outline-primary btn-sm"
            >
              {t('when.nextMonth')}
            </button>
          ) : null}
        </div>
      )}
      <WaitlistLink locale={locale} officeId={form.office} />
    </>
  );
}

export function DetailsStep({ page, form, data, e }: StepProps) {
  const t = tb(page);
  return (
    <>
      <Radios
        id="topic"
        name="topic"
        legend={t('details.topic')}
        value={form.topic}
        error={e.topic}
        options={data.topics.map((o) => ({
          value: o.code,
          label: `${o.label} (${t('details.topicHint', { minutes: o.durationMinutes })})`,
        }))}
      />
      <Area
        id="details"
        label={t('details.text')}
        hint={t('details.textHint', { max: DETAILS_MAX })}
        value={form.details}
        error={e.details}
        maxLength={DETAILS_MAX}
      />
    </>
  );
}

export function ApplicantStep({ page, form, e }: StepProps) {
  const t = tb(page);
  return (
    <>
      <Field id="name" label={t('applicant.name')} value={form.name} error={e.name} autocomplete="name" />
      <Field
        id="email"
        type="email"
        label={t('applicant.email')}
        hint={t('applicant.emailHint')}
        value={form.email}
        error={e.email}
        autocomplete="email"
      />
      <Field
        id="phone"
        type="tel"
        label={t('applicant.phone')}
        hint={t('applicant.phoneHint')}
        value={form.phone}
        error={e.phone}
        autocomplete="tel"
      />
      <Radios
        id="language"
        name="language"
        legend={t('applicant.language')}
        value={form.language || page.locale}
        error={e.language}
        options={[
          { value: 'it', label: <span lang="it">{t('lang.it')}</span> },
          { value: 'en', label: <span lang="en">{t('lang.en')}</span> },
        ]}
      />
      <p>
        <a href="/privacy" target="_blank" rel="noopener">
          {t('applicant.privacyLink')}
        </a>
      </p>
      <Check id="privacy" label={t('applicant.privacy')} checked={form.privacy === 'yes'} error={e.privacy} />
    </>
  );
}

export function SummaryStep({ page, form, data }: StepProps) {
  const t = tb(page);
  const topic = data.topics.find((x) => x.code === form.topic);
  const rows: [string, string][] = [
    [
      t('summary.office'),
      data.office ? `${data.office.name} — ${data.office.address.street}, ${data.office.address.city}` : '',
    ],
    [t('summary.when'), form.slot ? formatWhen(page.locale, new Date(form.slot)) : ''],
    [t('summary.topic'), topic?.label ?? ''],
    [t('summary.details'), form.details || '—'],
    [t('summary.name'), form.name],
    [t('summary.contact'), [form.email, form.phone].filter(Boolean).join(' · ')],
    [t('summary.language'), form.language === 'en' ? t('lang.en') : t('lang.it')],
  ];
  return (
    <>
      <p>{t('summary.intro')}</p>
      <dl class="row">
        {rows.map(([k, v]) => (
          <>
            <dt class="col-sm-4">{k}</dt>
            <dd class="col-sm-8" style="white-space: pre-line">
              {v}
            </dd>
          </>
        ))}
      </dl>
    </>
  );
}

export interface StepProps {
  page: PageCtx;
  form: BookingForm;
  data: StepData;
  e: Record<string, string>;
}
