import { Csrf } from '../../platform/ui/forms.tsx';
import type { PageCtx } from '../../platform/ui/layout.tsx';
import { options, SelectField, tOf } from './access.fields.tsx';
import { BARRIERS, DOCUMENTS, MANDATED_BY } from './access.validation.ts';
import type { AccessView } from './access.view.ts';
import { ChoiceGroup, InputField } from './interview.fields.tsx';

/** The care/control facts of an access, shown and editable by the front door (access page). */
export function CareFactsSection(props: {
  page: PageCtx;
  csrf: string;
  access: AccessView;
  mayEdit: boolean;
  error?: string | undefined;
}) {
  const { page, access: a } = props;
  const t = tOf(page);
  const help = a.care.helpAtFirstInterview;
  return (
    <section class="mb-4" aria-labelledby="care-title" id="cura">
      <h2 id="care-title">{t('care.title')}</h2>
      <p>{t('care.intro')}</p>
      {props.error ? (
        <div class="alert alert-danger" role="alert">
          {props.error}
        </div>
      ) : null}
      <p>
        <strong>{t('care.help')}:</strong>{' '}
        {help === null ? t('care.helpUnknown') : help ? t('care.helpYes') : t('care.helpNo')}
      </p>
      {props.mayEdit ? (
        <form method="post" action={`/operatori/accessi/${a.id}/fatti`} novalidate>
          <Csrf token={props.csrf} />
          <input type="hidden" name="version" value={String(a.version)} />
          <ChoiceGroup
            id="documentsDemanded"
            name="documentsDemanded"
            legend={t('care.documents')}
            type="checkbox"
            options={options(t, 'doc', DOCUMENTS)}
            checked={(v) => a.care.documentsDemanded.includes(v)}
          />
          <ChoiceGroup
            id="barriers"
            name="barriers"
            legend={t('care.barriers')}
            type="checkbox"
            options={options(t, 'barrier', BARRIERS)}
            checked={(v) => a.care.barriers.includes(v)}
          />
          <SelectField
            id="mandatedBy"
            name="mandatedBy"
            label={t('care.mandated')}
            options={options(t, 'mandated', MANDATED_BY)}
            value={a.care.mandatedBy}
          />
          <InputField
            id="conditionsImposed"
            name="conditionsImposed"
            label={t('care.conditions')}
            hint={t('care.conditionsHint')}
            value={a.care.conditionsImposed ?? ''}
            long={true}
          />
          <button type="submit" class="btn btn-outline-primary">
            {t('care.save')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
