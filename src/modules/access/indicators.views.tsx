import { messagesFor } from '../../platform/i18n/index.ts';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type Option, SelectField } from './access.fields.tsx';
import { type IndicatorMessageKey, indicatorMessages } from './indicators.messages.ts';
import { INDICATOR_KEYS, type IndicatorKey, type IndicatorReport, type IndicatorValue } from './indicators.service.ts';
import { InputField } from './interview.fields.tsx';

type NT = ReturnType<typeof messagesFor<IndicatorMessageKey>>;
export const ntOf = (page: PageCtx): NT => messagesFor(indicatorMessages, page.locale);

const SIDE: Record<IndicatorKey, 'care' | 'control' | 'both'> = {
  walkInShare: 'care',
  daysToInterview: 'care',
  helpAtFirstInterviewRate: 'care',
  informationOnlyShare: 'care',
  documentsBeforeHelpShare: 'control',
  refusalRate: 'control',
  mandatedShare: 'control',
  takeChargeConversion: 'care',
  reAccessWithin90Days: 'both',
};

const pct = (page: PageCtx, v: number) =>
  new Intl.NumberFormat(page.locale === 'it' ? 'it-IT' : 'en-GB', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);

function Cells({ page, nt, v }: { page: PageCtx; nt: NT; v: IndicatorValue }) {
  if (v.kind === 'median') {
    if (v.suppressed && v.n === null)
      return (
        <>
          <td>{nt('ind.suppressed')}</td>
          <td>—</td>
        </>
      );
    return (
      <>
        <td>
          {v.median === null ? nt('ind.noData') : nt('ind.days', { n: v.median })}
          {v.suppressed ? ` (${nt('ind.smallCell')})` : ''}
        </td>
        <td>{nt('ind.median', { n: v.n ?? 0 })}</td>
      </>
    );
  }
  if (v.suppressed && v.denominator === null)
    return (
      <>
        <td>{nt('ind.suppressed')}</td>
        <td>—</td>
      </>
    );
  return (
    <>
      <td>
        {v.value === null ? nt('ind.noData') : pct(page, v.value)}
        {v.suppressed ? ` (${nt('ind.smallCell')})` : ''}
      </td>
      <td>
        {v.numerator} / {v.denominator}
      </td>
    </>
  );
}

export interface IndicatorForm {
  from: string;
  to: string;
  officeId: string;
}

export function IndicatorsPage(props: {
  page: PageCtx;
  form: IndicatorForm;
  offices: Option[];
  /** The tenant-wide choice is offered (researchers, coordinators overseeing every office). */
  allowAll: boolean;
  report?: IndicatorReport | undefined;
  errors: Record<string, string>;
}) {
  const { page, form, report } = props;
  const nt = ntOf(page);
  const officeLabel = (id: string | null) =>
    id ? (props.offices.find((o) => o.value === id)?.label ?? '') : nt('ind.allOffices');
  const errors = Object.entries(props.errors);
  return (
    <Layout page={page} title={nt('ind.title')} crumbs={[{ label: nt('ind.title') }]}>
      <h1>{nt('ind.title')}</h1>
      <p>{nt('ind.intro')}</p>
      {errors.length > 0 ? (
        <div class="alert alert-danger" role="alert" aria-labelledby="error-summary-title">
          <h2 id="error-summary-title" class="h5">
            {nt('errors.title')}
          </h2>
          <ul class="mb-0">
            {errors.map(([field, message]) => (
              <li key={field}>
                <a href={`#${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="get" action="/operatori/indicatori" novalidate class="mb-4">
        <div class="row">
          <div class="col-md-4">
            <InputField
              id="from"
              name="from"
              type="date"
              label={nt('ind.from')}
              value={form.from}
              error={props.errors.from}
            />
          </div>
          <div class="col-md-4">
            <InputField id="to" name="to" type="date" label={nt('ind.to')} value={form.to} error={props.errors.to} />
          </div>
          <div class="col-md-4">
            <SelectField
              id="officeId"
              name="officeId"
              label={nt('ind.office')}
              options={[...(props.allowAll ? [{ value: '', label: nt('ind.allOffices') }] : []), ...props.offices]}
              value={form.officeId}
              error={props.errors.officeId}
            />
          </div>
        </div>
        <button type="submit" class="btn btn-primary">
          {nt('ind.compute')}
        </button>
      </form>
      {report ? (
        <>
          <p>{report.suppressionApplied ? nt('ind.suppressionNote') : nt('ind.rawNote')}</p>
          <table class="table">
            <caption>
              {nt('ind.caption', { from: report.from, to: report.to, office: officeLabel(report.officeId) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{nt('ind.name')}</th>
                <th scope="col">{nt('ind.value')}</th>
                <th scope="col">{nt('ind.counts')}</th>
                <th scope="col">{nt('ind.side')}</th>
              </tr>
            </thead>
            <tbody>
              {INDICATOR_KEYS.map((k) => (
                <tr key={k} id={`ind-${k}`}>
                  <th scope="row">{nt(`ind.${k}`)}</th>
                  <Cells page={page} nt={nt} v={report.indicators[k]} />
                  <td>{nt(`ind.${SIDE[k]}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Layout>
  );
}

/** The operator home's link to the indicators (coordinators and researchers). */
export function IndicatorsLink({ page }: { page: PageCtx }) {
  return <a href="/operatori/indicatori">{ntOf(page)('ind.title')}</a>;
}
