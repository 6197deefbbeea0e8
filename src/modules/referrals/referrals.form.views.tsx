import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { FieldError } from './referrals.access.ts';
import { mOf } from './referrals.file.tsx';
import type { ReferralMessageKey } from './referrals.messages.ts';
import {
  DESTINATION_TYPES,
  INTERNAL_AREAS,
  LEGAL_BASES,
  PUBLIC_BODIES,
  SHAREABLE_FIELDS,
  URGENCIES,
} from './referrals.model.ts';
import { describedBy, ErrorSummary, fieldError, tOf } from './referrals.views.tsx';

export interface NewForm {
  destinationType: string;
  internalArea: string;
  publicBody: string;
  organizationId: string;
  reason: string;
  urgency: string;
  legalBasis: string;
  consentId: string;
  sharedFields: string[];
  sourceOutcomeId: string;
  sourceCaseId: string;
}

export const emptyForm = (sourceOutcomeId = '', sourceCaseId = ''): NewForm => ({
  destinationType: 'partner',
  internalArea: '',
  publicBody: '',
  organizationId: '',
  reason: '',
  urgency: 'ordinary',
  legalBasis: 'consent',
  consentId: '',
  sharedFields: ['reason'],
  sourceOutcomeId,
  sourceCaseId,
});

function Select(props: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  value: string;
  options: { value: string; label: string }[];
  errors: FieldError[];
  t: ReturnType<typeof tOf>;
}) {
  const hintId = props.hint ? `${props.id}-hint` : '';
  const described = [hintId, describedBy(props.errors, props.name) ?? ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="mb-4">
      <label class="form-label" for={props.id}>
        {props.label}
      </label>
      {props.hint ? (
        <small class="form-text d-block" id={hintId}>
          {props.hint}
        </small>
      ) : null}
      <select class="form-select" id={props.id} name={props.name} aria-describedby={described}>
        <option value="">—</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
      {fieldError(props.t, props.errors, props.name)}
    </div>
  );
}

/**
 * The new referral form: the kind of destination (internal area, public body, partner organization with
 * its capacity), reason, urgency, the basis for sharing and the fields shared one by one. Works without
 * JavaScript: the three destination lists are all shown, the radio says which one counts.
 */
export function NewReferralPage(props: {
  page: PageCtx;
  csrf: string;
  personId: string;
  organizations: { organizationId: string; name: string; capacity: string | null }[];
  consents: { id: string; scope: string }[];
  form: NewForm;
  errors: FieldError[];
}) {
  const t = tOf(props.page);
  const m = mOf(props.page.locale);
  const { form, errors } = props;
  return (
    <Layout
      page={props.page}
      title={t('new.title')}
      crumbs={[{ label: m('sender.person'), href: `/operatori/persone/${props.personId}` }, { label: t('new.title') }]}
    >
      <h1>{t('new.title')}</h1>
      <ErrorSummary t={t} errors={errors} />
      <p>{t('new.lead')}</p>
      {form.sourceOutcomeId ? <p class="text-muted">{m('new.fromOutcome')}</p> : null}
      {form.sourceCaseId ? <p class="text-muted">{m('new.fromCase')}</p> : null}
      <form method="post" action={`/operatori/persone/${props.personId}/invii`} novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="sourceOutcomeId" value={form.sourceOutcomeId} />
        <input type="hidden" name="sourceCaseId" value={form.sourceCaseId} />
        <span id="f-sourceOutcomeId" />
        {fieldError(t, errors, 'sourceOutcomeId')}
        <span id="f-sourceCaseId" />
        {fieldError(t, errors, 'sourceCaseId')}
        <fieldset class="mb-4" aria-describedby={describedBy(errors, 'destinationType')}>
          <legend class="h6">{m('field.destinationType')}</legend>
          {DESTINATION_TYPES.map((d) => (
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                name="destinationType"
                id={`f-destinationType-${d}`}
                value={d}
                checked={form.destinationType === d}
              />
              <label class="form-check-label" for={`f-destinationType-${d}`}>
                {m(`dest.${d}`)}
              </label>
            </div>
          ))}
          <span id="f-destinationType" />
          {fieldError(t, errors, 'destinationType')}
        </fieldset>
        <Select
          t={t}
          id="f-internalArea"
          name="internalArea"
          label={m('field.internalArea')}
          value={form.internalArea}
          errors={errors}
          options={INTERNAL_AREAS.map((a) => ({ value: a, label: m(`area.${a}`) }))}
        />
        <Select
          t={t}
          id="f-publicBody"
          name="publicBody"
          label={m('field.publicBody')}
          value={form.publicBody}
          errors={errors}
          options={PUBLIC_BODIES.map((b) => ({ value: b, label: m(`body.${b}`) }))}
        />
        <Select
          t={t}
          id="f-organizationId"
          name="organizationId"
          label={t('field.organization')}
          hint={m('field.organizationHint')}
          value={form.organizationId}
          errors={errors}
          options={props.organizations.map((o) => ({
            value: o.organizationId,
            label: `${o.name} (${t(`capacity.${o.capacity ?? 'unknown'}` as ReferralMessageKey)})`,
          }))}
        />
        <div class="mb-4">
          <label class="form-label" for="f-reason">
            {t('field.reason')}
          </label>
          <textarea
            class="form-control"
            id="f-reason"
            name="reason"
            rows={3}
            aria-describedby={describedBy(errors, 'reason')}
          >
            {form.reason}
          </textarea>
          {fieldError(t, errors, 'reason')}
        </div>
        <div class="mb-4">
          <label class="form-label" for="f-urgency">
            {t('field.urgency')}
          </label>
          <select class="form-select" id="f-urgency" name="urgency" aria-describedby={describedBy(errors, 'urgency')}>
            {URGENCIES.map((u) => (
              <option value={u} selected={u === form.urgency}>
                {t(`urgency.${u}`)}
              </option>
            ))}
          </select>
          {fieldError(t, errors, 'urgency')}
        </div>
        <fieldset class="mb-4" aria-describedby={describedBy(errors, 'legalBasis')}>
          <legend class="h6">{t('field.basis')}</legend>
          {LEGAL_BASES.map((b) => (
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                name="legalBasis"
                id={`f-legalBasis-${b}`}
                value={b}
                checked={form.legalBasis === b}
              />
              <label class="form-check-label" for={`f-legalBasis-${b}`}>
                {t(`basis.${b}`)}
              </label>
            </div>
          ))}
          <span id="f-legalBasis" />
          {fieldError(t, errors, 'legalBasis')}
        </fieldset>
        <div class="mb-4">
          <label class="form-label" for="f-consentId">
            {t('field.consent')}
          </label>
          <select
            class="form-select"
            id="f-consentId"
            name="consentId"
            aria-describedby={describedBy(errors, 'consentId')}
          >
            <option value="">{props.consents.length === 0 ? t('noConsent') : '—'}</option>
            {props.consents.map((c) => (
              <option value={c.id} selected={c.id === form.consentId}>
                {c.scope}
              </option>
            ))}
          </select>
          {fieldError(t, errors, 'consentId')}
        </div>
        <fieldset class="mb-4" aria-describedby="f-shared-hint">
          <legend class="h6">{t('field.shared')}</legend>
          <p class="form-text" id="f-shared-hint">
            {t('field.sharedHint')}
          </p>
          {SHAREABLE_FIELDS.map((f) => (
            <div class="form-check">
              <input
                class="form-check-input"
                type="checkbox"
                name="sharedFields"
                id={`f-shared-${f}`}
                value={f}
                checked={form.sharedFields.includes(f)}
              />
              <label class="form-check-label" for={`f-shared-${f}`}>
                {t(`shared.${f}`)}
              </label>
            </div>
          ))}
          <span id="f-sharedFields" />
          {fieldError(t, errors, 'sharedFields')}
        </fieldset>
        <button type="submit" class="btn btn-primary">
          {t('action.send')}
        </button>
      </form>
    </Layout>
  );
}
