import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import type { ApplicationView, FundView } from './applications.view.ts';
import { RESULT, tOf } from './applications.views.tsx';
import { formatDay, formatEuro } from './rules.explain.ts';

export function FundsTable({ page, funds, year }: { page: PageCtx; funds: FundView[]; year: number }) {
  const t = tOf(page);
  if (funds.length === 0) return <p>{t('funds.none')}</p>;
  const eur = (n: number) => formatEuro(n, page.locale);
  return (
    <table class="table" id="funds">
      <caption>{t('funds.caption', { year })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.measure')}</th>
          <th scope="col">{t('funds.amount')}</th>
          <th scope="col">{t('funds.committed')}</th>
          <th scope="col">{t('funds.paid')}</th>
          <th scope="col">{t('funds.available')}</th>
        </tr>
      </thead>
      <tbody>
        {funds.map((f) => (
          <tr key={f.id} data-measure={f.measure}>
            <th scope="row">{f.measure}</th>
            <td>{eur(f.amount)}</td>
            <td>{eur(f.committed)}</td>
            <td>{eur(f.paid)}</td>
            <td data-available={f.available}>{eur(f.available)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ListPage(props: {
  page: PageCtx;
  applications: ApplicationView[] | undefined;
  funds: FundView[] | undefined;
  year: number;
  canPrepare: boolean;
  fundForm: { csrf: string; measures: string[] } | undefined;
}) {
  const { page } = props;
  const t = tOf(page);
  return (
    <Layout page={page} title={t('list.title')} crumbs={[{ label: t('list.title') }]}>
      <h1>{t('list.title')}</h1>
      {props.canPrepare ? (
        <p>
          <a class="btn btn-primary" href="/operatori/aiuti/nuova">
            {t('list.new')}
          </a>
        </p>
      ) : null}
      {props.applications ? (
        <>
          <h2>{t('list.open')}</h2>
          {props.applications.length === 0 ? (
            <p>{t('list.none')}</p>
          ) : (
            <table class="table">
              <caption class="visually-hidden">{t('list.open')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('list.code')}</th>
                  <th scope="col">{t('list.measure')}</th>
                  <th scope="col">{t('list.result')}</th>
                  <th scope="col">{t('list.opened')}</th>
                </tr>
              </thead>
              <tbody>
                {props.applications.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      <a href={`/operatori/aiuti/${a.id}`}>{a.code}</a>
                    </th>
                    <td>{a.measure}</td>
                    <td>{a.evaluation ? RESULT[page.locale][a.evaluation.result] : ''}</td>
                    <td>{formatDay(a.openedAt.slice(0, 10), page.locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      ) : null}
      {props.funds ? (
        <>
          <h2 class="mt-4">{t('funds.title', { year: props.year })}</h2>
          <FundsTable page={page} funds={props.funds} year={props.year} />
        </>
      ) : null}
      {props.fundForm ? (
        <form method="post" action="/operatori/aiuti/fondi" class="mt-4">
          <Csrf token={props.fundForm.csrf} />
          <h2 class="h4">{t('funds.set')}</h2>
          <div class="select-wrapper mb-3">
            <label for="fund-measure">{t('list.measure')}</label>
            <select id="fund-measure" name="measure">
              {props.fundForm.measures.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </div>
          <div class="form-group">
            <label for="fund-year" class="active">
              {t('funds.year')}
            </label>
            <input
              id="fund-year"
              name="year"
              type="text"
              inputmode="numeric"
              class="form-control"
              value={String(props.year)}
            />
          </div>
          <div class="form-group">
            <label for="fund-amount" class="active">
              {t('funds.amount')}
            </label>
            <input id="fund-amount" name="amount" type="text" inputmode="decimal" class="form-control" />
          </div>
          <button type="submit" class="btn btn-outline-primary">
            {t('funds.save')}
          </button>
        </form>
      ) : null}
    </Layout>
  );
}
