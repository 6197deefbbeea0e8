import type { PageCtx } from '../../platform/ui/layout.tsx';
import { type Option, options, SelectField, tOf } from './access.fields.tsx';
import { ListTable } from './access.list.views.tsx';
import type { AccessListItem } from './access.read.service.ts';
import { CHANNELS } from './access.validation.ts';
import { InputField } from './interview.fields.tsx';

export interface FilterForm {
  officeId: string;
  channel: string;
  needArea: string;
  from: string;
  to: string;
}

/** The filters of the working list (GET: office, channel, need area and days are not personal data). */
export function AccessFilterSection(props: {
  page: PageCtx;
  form: FilterForm;
  officeOptions: Option[];
  areaOptions: Option[];
  results?: AccessListItem[] | undefined;
  error?: string | undefined;
  offices: Map<string, string>;
  areas: Map<string, string>;
}) {
  const { page, form } = props;
  const t = tOf(page);
  const any = { value: '', label: t('filter.any') };
  return (
    <section aria-labelledby="filtra" class="mt-5">
      <h2 id="filtra">{t('filter.title')}</h2>
      <form method="get" action="/operatori/accessi" novalidate>
        <div class="row">
          <div class="col-md-4">
            <SelectField
              id="officeId"
              name="officeId"
              label={t('filter.office')}
              options={[any, ...props.officeOptions]}
              value={form.officeId}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              id="channel"
              name="channel"
              label={t('filter.channel')}
              options={[any, ...options(t, 'channel', CHANNELS)]}
              value={form.channel}
            />
          </div>
          <div class="col-md-4">
            <SelectField
              id="needArea"
              name="needArea"
              label={t('filter.needArea')}
              options={[any, ...props.areaOptions]}
              value={form.needArea}
            />
          </div>
          <div class="col-md-6">
            <InputField
              id="from"
              name="from"
              type="date"
              label={t('filter.from')}
              value={form.from}
              error={props.error}
            />
          </div>
          <div class="col-md-6">
            <InputField id="to" name="to" type="date" label={t('filter.to')} value={form.to} />
          </div>
        </div>
        <button type="submit" class="btn btn-outline-primary mb-3">
          {t('filter.submit')}
        </button>
      </form>
      {props.results === undefined ? null : props.results.length === 0 ? (
        <p role="status">{t('filter.none')}</p>
      ) : (
        <ListTable
          page={page}
          t={t}
          caption={t('filter.results', { n: props.results.length })}
          items={props.results}
          offices={props.offices}
          areas={props.areas}
          waiting={false}
        />
      )}
    </section>
  );
}
