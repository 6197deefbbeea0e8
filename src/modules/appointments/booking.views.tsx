import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { BookingMessageKey, BT } from './booking.messages.ts';
import {
  ApplicantStep,
  DetailsStep,
  OfficeStep,
  type StepData,
  type StepProps,
  SummaryStep,
  tb,
  WhenStep,
} from './booking.steps.tsx';
import { type BookingForm, EMPTY_FORM, type FieldError, STEPS, type Step } from './booking.validation.ts';
import { ErrorSummary, Hidden } from './ui.tsx';

export { type StepData, type TopicOption, tb } from './booking.steps.tsx';

const FIELDS_OF: Record<Step, (keyof BookingForm)[]> = {
  office: ['office'],
  when: ['month', 'day', 'slot'],
  details: ['topic', 'details'],
  applicant: ['name', 'phone', 'email', 'language', 'privacy'],
  summary: [],
  done: [],
};

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
