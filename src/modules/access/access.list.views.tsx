import type { ComponentChildren } from 'preact';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type T, tOf, when } from './access.fields.tsx';
import type { AccessMessageKey } from './access.messages.ts';
import type { AccessListItem } from './access.read.service.ts';

export function ListTable(props: {
  page: PageCtx;
  t: T;
  caption: string;
  items: AccessListItem[];
  offices: Map<string, string>;
  areas: Map<string, string>;
  waiting: boolean;
}) {
  const { t, page } = props;
  return (
    <table class="table">
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('list.code')}</th>
          <th scope="col">{props.waiting ? t('list.day') : t('list.time')}</th>
          <th scope="col">{t('list.office')}</th>
          <th scope="col">{t('list.urgency')}</th>
          <th scope="col">{t('list.needs')}</th>
          <th scope="col">{props.waiting ? t('list.waiting') : t('list.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.items.map((i) => (
          <tr key={i.id}>
            <th scope="row">
              <a href={`/operatori/accessi/${i.id}`}>{i.code}</a>
            </th>
            <td>{props.waiting ? i.accessDay : when(page, i.occurredAt, 'time')}</td>
            <td>{props.offices.get(i.officeId) ?? ''}</td>
            <td>
              {i.urgency === 'immediate' ? (
                <strong class="badge bg-danger">{t('urgency.immediate')}</strong>
              ) : (
                t(`urgency.${i.urgency}` as AccessMessageKey)
              )}
            </td>
            <td>{i.needAreaCodes.map((c) => props.areas.get(c) ?? c).join(', ')}</td>
            <td>{props.waiting ? String(i.waitingDays ?? 0) : t(`status.${i.status}` as AccessMessageKey)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function AccessListPage(props: {
  page: PageCtx;
  today: AccessListItem[];
  awaiting: AccessListItem[];
  /** My open accesses (registered by me or interviewed by me, not closed). */
  mine?: AccessListItem[] | undefined;
  offices: Map<string, string>;
  areas: Map<string, string>;
  /** The filter form and its results (access.filter.views.tsx). */
  filters?: ComponentChildren;
}) {
  const { page } = props;
  const t = tOf(page);
  const common = { page, t, offices: props.offices, areas: props.areas };
  return (
    <Layout page={page} title={t('list.title')} crumbs={[{ label: t('access.list') }]}>
      <h1>{t('list.title')}</h1>
      <p>
        <a class="btn btn-primary" href="/operatori/accessi/nuovo">
          {t('list.new')}
        </a>
      </p>
      <h2>{t('list.today')}</h2>
      {props.today.length === 0 ? (
        <p>{t('list.todayEmpty')}</p>
      ) : (
        <ListTable {...common} caption={t('list.today')} items={props.today} waiting={false} />
      )}
      <h2>{t('list.awaiting')}</h2>
      {props.awaiting.length === 0 ? (
        <p>{t('list.awaitingEmpty')}</p>
      ) : (
        <ListTable {...common} caption={t('list.awaiting')} items={props.awaiting} waiting={true} />
      )}
      {props.mine ? (
        <>
          <h2>{t('list.mine')}</h2>
          {props.mine.length === 0 ? (
            <p>{t('list.mineEmpty')}</p>
          ) : (
            <ListTable {...common} caption={t('list.mine')} items={props.mine} waiting={false} />
          )}
        </>
      ) : null}
      {props.filters}
    </Layout>
  );
}

/** The operator home's link to today's accesses (the home shows it to roles that register accesses). */
export function AccessesLink({ page }: { page: PageCtx }) {
  return <a href="/operatori/accessi">{tOf(page)('list.title')}</a>;
}
