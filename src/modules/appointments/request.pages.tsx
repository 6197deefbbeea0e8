import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { pageCtx, sendPage } from '../../platform/http/pages.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { addDays, romeDayTime } from './calendar.ts';
import { formatDay, requestT } from './request.messages.ts';
import { listAssistanceRequests, type RequestListItem } from './request.service.ts';

const Day = Type.Optional(Type.String({ maxLength: 10 }));
const isDay = (s: string | undefined): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

/** `/operatori/richieste-assistenza`: the online requests of the operator's offices, to answer them. */
export function registerRequestListPage(app: App, deps: RouteDeps): void {
  app.get(
    '/operatori/richieste-assistenza',
    { schema: { hide: true, querystring: Type.Object({ dal: Day, al: Day }) } },
    async (request, reply) => {
      requireOperator(request);
      const today = romeDayTime(deps.clock.now()).day;
      const to = isDay(request.query.al) ? request.query.al : today;
      const from = isDay(request.query.dal) && request.query.dal <= to ? request.query.dal : addDays(to, -29);
      const items = await listAssistanceRequests(ctxOf(request, deps), { from, to, limit: 200, offset: 0 });
      return sendPage(reply, <RequestListPage page={pageCtx(request, reply)} from={from} to={to} items={items} />);
    },
  );
}

function RequestListPage(props: { page: PageCtx; from: string; to: string; items: RequestListItem[] }) {
  const { page } = props;
  const t = requestT(page.locale);
  const it = page.locale === 'it';
  return (
    <Layout
      page={page}
      title={t('list.title')}
      crumbs={[{ label: page.t('site.operatorArea'), href: '/operatori' }, { label: t('list.title') }]}
    >
      <h1>{t('list.title')}</h1>
      <p>{t('list.intro')}</p>
      <form method="get" action="/operatori/richieste-assistenza" class="d-flex flex-wrap gap-3 align-items-end mb-4">
        <div class="form-group mb-0">
          <label for="dal" class="active">
            {t('list.from')}
          </label>
          <input id="dal" name="dal" type="date" class="form-control" value={props.from} />
        </div>
        <div class="form-group mb-0">
          <label for="al" class="active">
            {t('list.to')}
          </label>
          <input id="al" name="al" type="date" class="form-control" value={props.to} />
        </div>
        <button type="submit" class="btn btn-outline-primary">
          {t('list.show')}
        </button>
      </form>
      {props.items.length === 0 ? (
        <p>{t('list.none')}</p>
      ) : (
        <div class="table-responsive">
          <table class="table" data-testid="assistance-requests">
            <caption>
              {t('list.caption', { from: formatDay(page.locale, props.from), to: formatDay(page.locale, props.to) })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('done.number')}</th>
                <th scope="col">{t('list.person')}</th>
                <th scope="col">{t('status.service')}</th>
                <th scope="col">{t('done.takenInCharge')}</th>
                <th scope="col">{t('done.due')}</th>
                <th scope="col">{t('list.request')}</th>
              </tr>
            </thead>
            <tbody>
              {props.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <a href={`/operatori/accessi/${r.accessId}`}>{r.number}</a>
                  </th>
                  <td>
                    {`${r.firstName} ${r.lastName}`}
                    <br />
                    <a href={`mailto:${r.email}?subject=${encodeURIComponent(r.number)}`}>{r.email}</a>
                    {r.language === 'en' ? <span class="badge bg-secondary ms-2">EN</span> : null}
                  </td>
                  <td>{it ? r.service.it : r.service.en}</td>
                  <td>{formatDay(page.locale, r.takenInChargeOn)}</td>
                  <td>{formatDay(page.locale, r.dueOn)}</td>
                  <td class="text-break">{r.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
