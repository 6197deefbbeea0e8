import { messagesFor } from '../../platform/i18n/index.ts';
import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { Checkbox, ErrorSummary, Field, Select, TextArea } from './people.fields.tsx';
import { BirthDate, Conflict, Duplicates, IdentifierRows } from './people.form.parts.tsx';
import { errorMessage, inputIdOf, labelOf, type PageFieldError, type PersonForm } from './people.form.ts';
import { type PeopleMessage, peopleMessages } from './people.messages.ts';
import { ADDRESS_KINDS, CONTACT_PREFERENCES } from './people.schema.ts';
import type { DuplicateCandidate } from './people.service.ts';

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase() + s.slice(1);

export interface FormState {
  errors?: PageFieldError[];
  /** What the tax code says where it disagrees with the declared data. */
  mismatches?: { field: 'sex' | 'birthDate' | 'birthplace'; value: string }[];
  duplicates?: DuplicateCandidate[];
  /** The saved values an edit collided with. */
  conflict?: PersonForm;
}

export type FormMode = { kind: 'create'; per?: string | undefined } | { kind: 'edit'; personId: string; name: string };

export function PersonFormPage(props: {
  page: PageCtx;
  csrf: string;
  mode: FormMode;
  form: PersonForm;
  state?: FormState;
}) {
  const { page, form, mode } = props;
  const state = props.state ?? {};
  const t = messagesFor(peopleMessages, page.locale);
  const err = (field: string) => {
    const e = state.errors?.find((x) => x.field === field);
    return e ? t(errorMessage(e.code)) : undefined;
  };
  const title = mode.kind === 'create' ? t('form.newTitle') : t('form.editTitle');
  const action = mode.kind === 'create' ? '/operatori/persone/nuova' : `/operatori/persone/${mode.personId}/modifica`;
  const back = mode.kind === 'create' ? '/operatori/persone' : `/operatori/persone/${mode.personId}`;
  const showReason = Boolean(state.mismatches?.length) || Boolean(form.taxCodeMismatchReason?.trim());
  const summary = (state.errors ?? []).map((e) => ({
    href: `#${inputIdOf(e.field)}`,
    text: `${t(labelOf(e.field))}: ${lowerFirst(t(errorMessage(e.code)))}`,
  }));
  const opt = <K extends string>(list: readonly K[], prefix: 'contact' | 'address') =>
    list.map((v) => ({ value: v, label: t(`${prefix}.${v}` as PeopleMessage) }));
  return (
    <Layout
      page={page}
      title={mode.kind === 'edit' ? `${title} — ${mode.name}` : title}
      crumbs={[
        { label: page.t('ops.title'), href: '/operatori' },
        { label: t('search.title'), href: '/operatori/persone' },
        ...(mode.kind === 'edit' ? [{ label: mode.name, href: back }] : []),
        { label: title },
      ]}
    >
      <h1>{mode.kind === 'edit' ? `${title}: ${mode.name}` : title}</h1>
      <ErrorSummary title={t('form.errorSummary')} items={summary} />
      {state.conflict ? <Conflict t={t} current={state.conflict} typed={form} /> : null}
      {state.duplicates?.length ? <Duplicates t={t} candidates={state.duplicates} /> : null}
      <p>{t('form.requiredNote')}</p>
      <form method="post" action={action} noValidate>
        <Csrf token={props.csrf} />
        {mode.kind === 'edit' ? <input type="hidden" name="version" value={form.version ?? ''} /> : null}
        {mode.kind === 'create' && mode.per ? <input type="hidden" name="per" value={mode.per} /> : null}
        {(state.duplicates ?? []).map((d) => (
          <input type="hidden" name="acknowledgedDuplicates" value={d.id} key={d.id} />
        ))}
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.identity')}</legend>
          <div class="row">
            <Field
              id="familyNames"
              class="col-md-6"
              label={t('field.familyNames')}
              value={form.familyNames}
              error={err('familyNames')}
              maxLength={200}
              required
            />
            <Field
              id="givenNames"
              class="col-md-6"
              label={t('field.givenNames')}
              value={form.givenNames}
              error={err('givenNames')}
              maxLength={200}
              required
            />
          </div>
          <fieldset class="mb-5">
            <legend class="h6 mb-2">{t('field.sex')}</legend>
            {(['F', 'M', ''] as const).map((v) => (
              <div class="form-check form-check-inline" key={v || 'none'}>
                <input type="radio" name="sex" id={`sex-${v || 'none'}`} value={v} checked={(form.sex ?? '') === v} />
                <label for={`sex-${v || 'none'}`}>{v ? t(`sex.${v}`) : t('sex.none')}</label>
              </div>
            ))}
          </fieldset>
          <Field
            id="citizenships"
            label={t('field.citizenships')}
            hint={t('field.citizenships.hint')}
            value={form.citizenships}
            error={err('citizenships')}
            maxLength={100}
          />
          <Field
            id="languages"
            label={t('field.languages')}
            hint={t('field.languages.hint')}
            value={form.languages}
            error={err('languages')}
            maxLength={100}
          />
          <Checkbox
            id="interpreterNeeded"
            label={t('field.interpreterNeeded')}
            checked={form.interpreterNeeded === 'on'}
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.birth')}</legend>
          <BirthDate t={t} form={form} error={err('birthDate')} />
          <Field
            id="birthplaceCode"
            label={t('field.birthplaceCode')}
            hint={t('field.birthplaceCode.hint')}
            value={form.birthplaceCode}
            error={err('birthplaceCode')}
            maxLength={4}
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.documents')}</legend>
          {state.mismatches?.length ? (
            <div class="alert alert-warning mb-5" id="mismatch">
              <p class="fw-semibold">{t('mismatch.title')}</p>
              <ul>
                {state.mismatches.map((m) => (
                  <li key={m.field}>{t(`mismatch.${m.field}`, { value: m.value })}</li>
                ))}
              </ul>
              <p class="mb-0">{t('mismatch.lead')}</p>
            </div>
          ) : null}
          <Field
            id="taxCode"
            label={t('field.taxCode')}
            hint={t('field.taxCode.hint')}
            value={form.taxCode}
            error={err('taxCode')}
            maxLength={30}
          />
          {showReason ? (
            <TextArea
              id="taxCodeMismatchReason"
              label={t('field.taxCodeMismatchReason')}
              hint={t('field.taxCodeMismatchReason.hint')}
              value={form.taxCodeMismatchReason}
              error={err('taxCodeMismatchReason')}
              maxLength={500}
              required={Boolean(state.mismatches?.length)}
            />
          ) : null}
          <IdentifierRows t={t} form={form} error={err('identifiers')} />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.contacts')}</legend>
          <div class="row">
            <Field
              id="phone"
              class="col-md-6"
              type="tel"
              label={t('field.phone')}
              value={form.phone}
              error={err('phone')}
              maxLength={40}
            />
            <Field
              id="email"
              class="col-md-6"
              type="email"
              label={t('field.email')}
              value={form.email}
              error={err('email')}
              maxLength={200}
            />
          </div>
          <Select
            id="contactPreference"
            label={t('field.contactPreference')}
            value={form.contactPreference ?? 'any'}
            options={opt(CONTACT_PREFERENCES, 'contact')}
            error={err('contactPreference')}
          />
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.address')}</legend>
          <Select
            id="addressKind"
            label={t('field.addressKind')}
            hint={t('field.addressKind.hint')}
            value={form.addressKind ?? 'unknown'}
            options={opt(ADDRESS_KINDS, 'address')}
          />
          <div class="row">
            <Field
              id="street"
              class="col-md-8"
              label={t('field.street')}
              value={form.street}
              error={err('address.street')}
              maxLength={200}
            />
            <Field
              id="houseNumber"
              class="col-md-4"
              label={t('field.houseNumber')}
              value={form.houseNumber}
              maxLength={20}
            />
            <Field
              id="postcode"
              class="col-md-4"
              label={t('field.postcode')}
              value={form.postcode}
              maxLength={10}
              inputMode="numeric"
            />
            <Field
              id="municipalityCode"
              class="col-md-8"
              label={t('field.municipalityCode')}
              hint={t('field.municipalityCode.hint')}
              value={form.municipalityCode}
              error={err('address.municipalityCode')}
              maxLength={4}
            />
          </div>
        </fieldset>
        <fieldset class="mb-4">
          <legend class="h3 mb-4">{t('form.privacy')}</legend>
          <Checkbox
            id="confidential"
            label={t('field.confidential')}
            hint={t('field.confidential.hint')}
            checked={form.confidential === 'on'}
          />
        </fieldset>
        <button type="submit" class="btn btn-primary me-3">
          {state.duplicates?.length
            ? t('dup.acknowledge')
            : mode.kind === 'create'
              ? t('form.save')
              : t('form.saveEdit')}
        </button>
        <a href={back} class="btn btn-outline-primary">
          {t('form.cancel')}
        </a>
      </form>
    </Layout>
  );
}
