import type { Ctx } from '../../platform/context.ts';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { tOf, when } from './access.fields.tsx';
import type { AccessMessageKey } from './access.messages.ts';
import { type AccessListItem, listAccesses } from './access.read.service.ts';
import { currentTaxonomy } from './taxonomy.service.ts';

export interface TodayByOffice {
  byOffice: Map<string, AccessListItem[]>;
  /** Need-area code → label in Italian and English. */
  areas: Map<string, { it: string; en: string }>;
}

const RANK: Record<string, number> = { immediate: 0, within_days: 1, ordinary: 2 };

/**
 * Today's accesses of the operator's offices, grouped by office, immediate ones first (one audited
 * list read). The operator home composes it with the offices' hours: offices does not import access.
 */
export async function todayByOffice(ctx: Ctx): Promise<TodayByOffice> {
  const items = await listAccesses(ctx, { view: 'today' });
  const byOffice = new Map<string, AccessListItem[]>();
  for (const item of [...items].sort((a, b) => (RANK[a.urgency] ?? 2) - (RANK[b.urgency] ?? 2))) {
    byOffice.set(item.officeId, [...(byOffice.get(item.officeId) ?? []), item]);
  }
  const taxonomy = await currentTaxonomy(ctx);
  const areas = new Map(taxonomy.areas.map((a) => [a.code, { it: a.labelIt, en: a.labelEn }]));
  return { byOffice, areas };
}

/** One office's accesses of today on the operator home (a table; immediate urgency highlighted). */
export function TodayAccesses(props: {
  page: PageCtx;
  officeName: string;
  items: AccessListItem[];
  areas: TodayByOffice['areas'];
}) {
  const { page } = props;
  const t = tOf(page);
  if (props.items.length === 0) return <p class="mt-3">{t('list.todayEmpty')}</p>;
  const immediate = props.items.filter((i) => i.urgency === 'immediate').length;
  return (
    <>
      {immediate > 0 ? (
        <p class="mt-3">
          <strong class="badge bg-danger">{t('home.immediate', { n: immediate })}</strong>
        </p>
      ) : null}
      <table class="table mt-3">
        <caption>{t('home.caption', { office: props.officeName })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.code')}</th>
            <th scope="col">{t('list.time')}</th>
            <th scope="col">{t('list.urgency')}</th>
            <th scope="col">{t('list.needs')}</th>
            <th scope="col">{t('list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {props.items.map((i) => (
            <tr
              key={i.id}
              class={i.urgency === 'immediate' ? 'fw-semibold' : undefined}
              data-urgency={i.urgency === 'immediate' ? 'immediate' : undefined}
            >
              <th scope="row">
                <a href={`/operatori/accessi/${i.id}`}>{i.code}</a>
              </th>
              <td>{when(page, i.occurredAt, 'time')}</td>
              <td>
                {i.urgency === 'immediate' ? (
                  <strong class="badge bg-danger">{t('urgency.immediate')}</strong>
                ) : (
                  t(`urgency.${i.urgency}` as AccessMessageKey)
                )}
              </td>
              <td>{i.needAreaCodes.map((c) => props.areas.get(c)?.[page.locale] ?? c).join(', ')}</td>
              <td>{t(`status.${i.status}` as AccessMessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
