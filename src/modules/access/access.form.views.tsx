import { Alert, Csrf, Hint } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { SearchResult } from '../people/index.ts';
import {
  areaLabel,
  ErrorSummary,
  type Errors,
  type Option,
  options,
  Radio,
  SelectField,
  TextArea,
  tOf,
} from './access.fields.tsx';
import { AGE_BANDS, CHANNELS, PRESENTED_BY, REFERRERS, SEXES, URGENCIES } from './access.validation.ts';
import type { NeedArea } from './taxonomy.service.ts';

/** A local category names its SIUSS area after it ("Casa (Povertà)"), so typing its first letters selects it. */
function labelWithParent(page: PageCtx, areas: NeedArea[], a: NeedArea): string {
  const parent = a.parentCode ? areas.find((p) => p.code === a.parentCode) : undefined;
  return parent ? `${areaLabel(page, a)} (${areaLabel(page, parent)})` : areaLabel(page, a);
}

export interface CaptureForm {
  officeId: string;
  channel: string;
  presentedBy: string;
  referrer: string;
  q: string;
  who: string;
  sex: string;
  ageBand: string;
  needAreaId: string;
  reason: string;
  urgency: string;
  urgencyReason: string;
  /** '1' when the pronto intervento sociale path is taken. */
  pronto: string;
}

export const EMPTY_CAPTURE: Omit<CaptureForm, 'officeId'> = {
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  q: '',
  who: '',
  sex: '',
  ageBand: '',
  needAreaId: '',
  reason: '',
  urgency: 'ordinary',
  urgencyReason: '',
  pronto: '',
};

export function CapturePage(props: {
  page: PageCtx;
  csrf: string;
  form: CaptureForm;
  offices: Option[];
  areas: NeedArea[];
  results?: SearchResult[] | undefined;
  errors: Errors;
  notice?: string | undefined;
}) {
  const { page, form, errors } = props;
  const t = tOf(page);
  const whoError = errors['who-anonymous'];
  const whoDescribed = whoError ? 'who-anonymous-error' : undefined;
  return (
    <Layout
      page={page}
      title={t('new.title')}
      crumbs={[{ label: t('access.list'), href: '/operatori/accessi' }, { label: t('new.title') }]}
    >
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      {props.notice ? <Alert kind="warning">{props.notice}</Alert> : null}
      <ErrorSummary t={t} errors={errors} />
      <form method="post" action="/operatori/accessi/nuovo" novalidate>
        <Csrf token={props.csrf} />
        {props.offices.length === 1 ? (
          <>
            <input type="hidden" name="officeId" value={props.offices[0]?.value} />
            <p>
              <strong>{t('access.office')}:</strong> {props.offices[0]?.label}
            </p>
          </>
        ) : (
          <SelectField
            id="officeId"
            name="officeId"
            label={t('field.office')}
            options={props.offices}
            value={form.officeId}
            error={errors.officeId}
          />
        )}
        <SelectField
          id="channel"
          name="channel"
          label={t('field.channel')}
          options={options(t, 'channel', CHANNELS)}
          value={form.channel}
          error={errors.channel}
        />
        <fieldset class="mb-4">
          <legend class="h5">{t('field.who')}</legend>
          <div class="form-group">
            <label for="q" class="active">
              {t('field.q')}
            </label>
            <input
              id="q"
              name="q"
              type="search"
              class="form-control"
              value={form.q}
              autocomplete="off"
              aria-describedby="q-hint"
            />
            <small id="q-hint" class="form-text d-block">
              {t('field.qHint')}
            </small>
          </div>
          <button type="submit" name="action" value="search" class="btn btn-outline-primary mb-3">
            {t('field.search')}
          </button>
          {props.results !== undefined ? (
            <p role="status">
              {props.results.length === 0 ? t('search.none') : t('search.found', { n: props.results.length })}
            </p>
          ) : null}
          {(props.results ?? []).map((p) => (
            <Radio
              key={p.id}
              id={`who-${p.id}`}
              name="who"
              value={p.id}
              checked={form.who === p.id}
              describedBy={whoDescribed}
              label={
                <>
                  {p.name}
                  {p.birthYear ? `, ${t('search.born', { year: p.birthYear })}` : ''}
                  {p.neighbourhood ? ` — ${p.neighbourhood}` : ''}
                  {p.confidential ? ` (${t('search.confidential')})` : ''}
                </>
              }
            />
          ))}
          <Radio
            id="who-anonymous"
            name="who"
            value="anonymous"
            checked={form.who === 'anonymous'}
            describedBy={whoDescribed}
            label={t('field.anonymous')}
          />
          <Hint id="who-anonymous" error={whoError} />
          <div class="row mt-3">
            <div class="col-md-6">
              <SelectField
                id="sex"
                name="sex"
                label={t('field.sex')}
                options={[{ value: '', label: t('field.unknown') }, ...options(t, 'sex', SEXES)]}
                value={form.sex}
                error={errors.sex}
              />
            </div>
            <div class="col-md-6">
              <SelectField
                id="ageBand"
                name="ageBand"
                label={t('field.ageBand')}
                options={[{ value: '', label: t('field.unknown') }, ...AGE_BANDS.map((b) => ({ value: b, label: b }))]}
                value={form.ageBand}
                error={errors.ageBand}
              />
            </div>
          </div>
        </fieldset>
        <SelectField
          id="needAreaId"
          name="needAreaId"
          label={t('field.needArea')}
          options={[
            { value: '', label: '—' },
            ...props.areas.map((a) => ({
              value: a.id,
              label: labelWithParent(page, props.areas, a),
            })),
          ]}
          value={form.needAreaId}
          error={errors.needAreaId}
        />
        <TextArea id="reason" name="reason" label={t('field.reason')} value={form.reason} error={errors.reason} />
        <fieldset class="mb-4">
          <legend class="h5">{t('field.urgency')}</legend>
          {URGENCIES.map((u) => (
            <Radio
              key={u}
              id={`urgency-${u}`}
              name="urgency"
              value={u}
              checked={form.urgency === u}
              label={t(`urgency.${u}`)}
            />
          ))}
          <div class="form-check mt-2">
            <input
              type="checkbox"
              id="pronto"
              name="pronto"
              value="1"
              checked={form.pronto === '1'}
              aria-describedby={errors.pronto ? 'pronto-error' : undefined}
              aria-invalid={errors.pronto ? 'true' : undefined}
            />
            <label for="pronto">{t('field.pronto')}</label>
          </div>
          <Hint id="pronto" error={errors.pronto} />
        </fieldset>
        <TextArea
          id="urgencyReason"
          name="urgencyReason"
          label={t('field.urgencyReason')}
          hint={t('field.urgencyReasonHint')}
          value={form.urgencyReason}
          error={errors.urgencyReason}
        />
        <SelectField
          id="presentedBy"
          name="presentedBy"
          label={t('field.presentedBy')}
          options={options(t, 'presentedBy', PRESENTED_BY)}
          value={form.presentedBy}
          error={errors.presentedBy}
        />
        <SelectField
          id="referrer"
          name="referrer"
          label={t('field.referrer')}
          options={options(t, 'referrer', REFERRERS)}
          value={form.referrer}
          error={errors.referrer}
        />
        <button type="submit" name="action" value="save" class="btn btn-primary">
          {t('field.save')}
        </button>
      </form>
    </Layout>
  );
}
