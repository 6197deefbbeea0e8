import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type BookingMessageKey, type BT, bookingT, formatWhen } from './booking.messages.ts';
import { type BookingForm, DETAILS_MAX, EMPTY_FORM, type FieldError, STEPS, type Step } from './booking.validation.ts';
import type { BookableOffice, FreeSlot } from './slots.service.ts';
import { Area, Check, ErrorSummary, Field, Hidden, Radios } from './ui.tsx';

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
}

const FIELDS_OF: Record<Step, (keyof BookingForm)[]> = {
  office: ['office'],
  when: ['month', 'day', 'slot'],
  details: ['topic', 'details'],
  applicant: ['name', 'phone', 'email', 'language', 'privacy'],
  summary: [],
  done: [],
};

export const tb = (page: PageCtx): BT => bookingT(page.locale);

function errorMap(t: BT, errors: FieldError[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= t(`error.${e.key}` as BookingMessageKey);
  return out;
}

export function Steps({ t, current }: { t: BT; current: Step }) {
  const at = STEPS.indexOf(current);
  return (
    <nav aria-label={t('stepsLabel')} class="mb-4">
      <p class="fw-semibold mb-2">{t('stepOf', { n: at + 1, total: STEPS.length })}</p>
      <ol class="d-flex flex-wrap gap-3 list-unstyled mb-0 ps-0">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === at ? 'step' : undefined} class={i === at ? 'fw-bold' : 'text-secondary'}>
            {`${i + 1}. ${t(`step.${s}`)}`}
            <span class="visually-hidden">{i === at ? ` ${t('current')}` : i < at ? ` ${t('completed')}` : ''}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function hiddenExcept(form: BookingForm, step: Step): Record<string, string> {
  const shown = new Set<string>(FIELDS_OF[step]);
  return Object.fromEntries(Object.entries(form).filter(([k, v]) => !shown.has(k) && v !== ''));
}

function Buttons({ t, step }: { t: BT; step: Step }) {
  // "Next" comes first in the form so the Enter key moves forward; it is shown on the right.
  return (
    <div class="d-flex flex-row-reverse justify-content-between gap-3 mt-4">
      <button type="submit" name="go" value={step === 'summary' ? 'confirm' : 'next'} class="btn btn-primary">
        {step === 'summary' ? t('confirm') : t('next')}
      </button>
      {step !== 'office' ? (
        <button type="submit" name="go" value="back" class="btn btn-outline-primary">
          {t('back')}
        </button>
      ) : null}
    </div>
  );
}

const monthAdd = (month: string, n: number) => {
  const d = new Date(`${month}-15T12:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + n);
  return d.toISOString().slice(0, 7);
};
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

function OfficeStep({ page, form, data, e }: StepProps) {
  const t = tb(page);
  if (data.offices.length === 0) return <p>{t('office.none')}</p>;
  return (
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
  );
}

function WhenStep({ page, form, data, e }: StepProps) {
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
          <div class="d-flex gap-3 mb-3">
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
    </>
  );
}

function DetailsStep({ page, form, data, e }: StepProps) {
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

function ApplicantStep({ page, form, e }: StepProps) {
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

function SummaryStep({ page, form, data }: StepProps) {
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

interface StepProps {
  page: PageCtx;
  form: BookingForm;
  data: StepData;
  e: Record<string, string>;
}

const BODIES: Record<Exclude<Step, 'done'>, (p: StepProps) => preact.JSX.Element> = {
  office: OfficeStep,
  when: WhenStep,
  details: DetailsStep,
  applicant: ApplicantStep,
  summary: SummaryStep,
};

export function BookingStepPage(props: {
  page: PageCtx;
  csrf: string;
  step: Exclude<Step, 'done'>;
  form: BookingForm;
  data: StepData;
  errors: FieldError[];
}) {
  const { page, step } = props;
  const t = tb(page);
  const e = errorMap(t, props.errors);
  const Body = BODIES[step];
  return (
    <Layout page={page} title={`${t(`step.${step}`)} — ${t('title')}`} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      {step === 'office' ? <p class="lead">{t('intro')}</p> : null}
      <Steps t={t} current={step} />
      <ErrorSummary title={t('errors.title')} errors={e} />
      <form method="post" action="/prenota" novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="step" value={step} />
        <Hidden values={hiddenExcept({ ...EMPTY_FORM, ...props.form }, step)} />
        <h2 class="h3">{t(`step.${step}`)}</h2>
        {step === 'applicant' || step === 'details' ? <p class="text-secondary">{t('required')}</p> : null}
        <Body page={page} form={props.form} data={props.data} e={e} />
        <Buttons t={t} step={step} />
      </form>
    </Layout>
  );
}
