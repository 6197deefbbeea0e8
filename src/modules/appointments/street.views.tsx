import type { PageCtx } from '../../platform/ui/layout.tsx';
import type { BookableOffice } from './slots.service.ts';
import { streetT } from './street.messages.ts';
import type { StreetSuggestion } from './street.service.ts';
import { Field } from './ui.tsx';

export interface StreetBox {
  street: string;
  houseNumber: string;
  suggestion?: StreetSuggestion | undefined;
  /** 'not-found' or 'too-short' after a lookup without a suggestion. */
  problem?: 'not-found' | 'too-short' | undefined;
}

/**
 * Step 1's street box: a second submit button of the booking form posts to /prenota/quartiere
 * (formaction: no JavaScript needed), which comes back to step 1 with the office selected.
 */
export function StreetSuggest(props: { page: PageCtx; offices: BookableOffice[]; box?: StreetBox | undefined }) {
  const t = streetT(props.page.locale);
  const b = props.box;
  const office = b?.suggestion ? props.offices.find((o) => o.id === b.suggestion?.officeId) : undefined;
  const problem = b?.problem === 'too-short' ? t('tooShort') : b?.problem === 'not-found' ? t('notFound') : undefined;
  return (
    <fieldset class="mb-4 p-3 border rounded" aria-describedby={b ? 'street-result' : undefined}>
      <legend class="h6 fw-semibold px-1 w-auto">{t('legend')}</legend>
      {b && office && b.suggestion ? (
        <div id="street-result" class="alert alert-success" role="status">
          <p class="mb-0">
            {t('found', {
              street: b.suggestion.street,
              neighbourhood: b.suggestion.neighbourhood,
              office: office.name,
            })}
          </p>
          {b.suggestion.demo ? <p class="mb-0 small">{t('demo')}</p> : null}
        </div>
      ) : problem ? (
        <div id="street-result" class="alert alert-info" role="status">
          {problem}
        </div>
      ) : null}
      <Field
        id="street"
        label={t('street')}
        hint={t('streetHint')}
        value={b?.street ?? ''}
        autocomplete="address-line1"
        maxLength={120}
      />
      <Field id="houseNumber" label={t('number')} value={b?.houseNumber ?? ''} maxLength={10} />
      <button type="submit" class="btn btn-outline-primary" formaction="/prenota/quartiere" name="go" value="suggest">
        {t('suggest')}
      </button>
    </fieldset>
  );
}
