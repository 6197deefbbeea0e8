import type { PageCtx } from '../../platform/ui/layout.tsx';
import type { CaseMessageKey } from './cases.messages.ts';
import { CASE_AREAS, type CaseSummary } from './cases.view.ts';
import { tOf } from './cases.views.tsx';

const k = (key: string) => key as CaseMessageKey;

export interface CaseloadFilter {
  view: string;
  area?: string | undefined;
  workerId?: string | undefined;
}

/** The query string of a caseload list (worker ids and area codes only: no personal data). */
export function caseloadQuery(f: CaseloadFilter): string {
  const q = new URLSearchParams({ vista: f.view });
  if (f.area) q.set('area', f.area);
  if (f.workerId) q.set('operatore', f.workerId);
  return q.toString();
}

/**
 * The GET filter form: area for everyone; worker for coordinators (`workers` given). Others see only their
 * own caseload, so they get no worker choice.
 */
export function CaseloadFilterForm(props: {
  page: PageCtx;
  filter: CaseloadFilter;
  workers?: { id: string; name: string }[] | undefined;
}) {
  const t = tOf(props.page);
  const { filter } = props;
  return (
    <form method="get" action="/operatori/casi" class="mb-4" aria-labelledby="caseload-filter">
      <h2 class="h5" id="caseload-filter">
        {t('filter.title')}
      </h2>
      <input type="hidden" name="vista" value={filter.view} />
      <div class="row g-3 align-items-end">
        <div class="col-md-4">
          <label class="form-label" for="f-area">
            {t('filter.area')}
          </label>
          <select class="form-select" id="f-area" name="area">
            <option value="">{t('filter.anyArea')}</option>
            {CASE_AREAS.map((a) => (
              <option value={a} selected={a === filter.area}>
                {t(k(`area.${a}`))}
              </option>
            ))}
          </select>
        </div>
        {props.workers ? (
          <div class="col-md-4">
            <label class="form-label" for="f-operatore">
              {t('filter.worker')}
            </label>
            <select class="form-select" id="f-operatore" name="operatore">
              <option value="">{t('filter.anyWorker')}</option>
              {props.workers.map((w) => (
                <option value={w.id} selected={w.id === filter.workerId}>
                  {w.name}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div class="col-md-4">
          <button type="submit" class="btn btn-primary me-3">
            {t('filter.submit')}
          </button>
          {filter.area || filter.workerId ? (
            <a href={`/operatori/casi?${caseloadQuery({ view: filter.view })}`}>{t('filter.reset')}</a>
          ) : null}
        </div>
      </div>
    </form>
  );
}

/** Coordinators: open cases among those listed, counted per responsible worker (rows) and per area (columns). */
export function CaseloadSummary(props: {
  page: PageCtx;
  items: CaseSummary[];
  workers: { id: string; name: string }[];
}) {
  const t = tOf(props.page);
  const open = props.items.filter((c) => c.status === 'open');
  if (open.length === 0) return <p>{t('summary.none')}</p>;
  const names = new Map(props.workers.map((w) => [w.id, w.name]));
  const counts = new Map<string, Map<string, number>>();
  for (const c of open) {
    const key = c.responsibleWorkerId ?? '';
    const row = counts.get(key) ?? new Map<string, number>();
    row.set(c.area, (row.get(c.area) ?? 0) + 1);
    counts.set(key, row);
  }
  const label = (id: string) => (id === '' ? t('summary.unassigned') : (names.get(id) ?? t('summary.unknown')));
  const rows = [...counts.entries()].sort((a, b) => label(a[0]).localeCompare(label(b[0])));
  const sum = (row: Map<string, number>) => [...row.values()].reduce((s, n) => s + n, 0);
  const areaTotal = (a: string) => open.filter((c) => c.area === a).length;
  return (
    <table class="table table-sm" id="caseload-summary">
      <caption>{t('summary.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('summary.worker')}</th>
          {CASE_AREAS.map((a) => (
            <th scope="col">{t(k(`area.${a}`))}</th>
          ))}
          <th scope="col">{t('summary.total')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([id, row]) => (
          <tr>
            <th scope="row">{label(id)}</th>
            {CASE_AREAS.map((a) => (
              <td>{row.get(a) ?? 0}</td>
            ))}
            <td>{sum(row)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('summary.total')}</th>
          {CASE_AREAS.map((a) => (
            <td>{areaTotal(a)}</td>
          ))}
          <td>{open.length}</td>
        </tr>
      </tfoot>
    </table>
  );
}
