import { Field, Select } from './people.fields.tsx';
import { differences, type PersonForm } from './people.form.ts';
import type { PeopleMessage } from './people.messages.ts';
import { IDENTIFIER_KINDS } from './people.schema.ts';
import type { DuplicateCandidate } from './people.service.ts';

/** Parts of the person form: the duplicate and conflict panels, the birth date, the document rows. */
type T = (key: PeopleMessage, params?: Record<string, string | number>) => string;

export function Duplicates({ t, candidates }: { t: T; candidates: DuplicateCandidate[] }) {
  return (
    <section class="alert alert-warning" aria-labelledby="dup-title">
      <h2 id="dup-title" class="h4">
        {t('dup.title')}
      </h2>
      <p>{t('dup.lead')}</p>
      <table class="table table-sm mb-0">
        <caption>{t('dup.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('search.name')}</th>
            <th scope="col">{t('search.birthYear')}</th>
            <th scope="col">{t('dup.reasons')}</th>
          </tr>
        </thead>
        <tbody>
          {candidates.map((c) => (
            <tr key={c.id}>
              <th scope="row">
                <a href={`/operatori/persone/${c.id}`} target="_blank" rel="noopener">
                  {c.name} <span class="visually-hidden">{t('common.newWindow')}</span>
                </a>
              </th>
              <td>{c.birthYear ?? t('common.unknown')}</td>
              <td>{c.reasons.map((r) => t(`reason.${r}`)).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function Conflict({ t, current, typed }: { t: T; current: PersonForm; typed: PersonForm }) {
  const diffs = differences(current, typed);
  return (
    <section class="alert alert-danger" aria-labelledby="conflict-title">
      <h2 id="conflict-title" class="h4">
        {t('conflict.title')}
      </h2>
      <p>{t('conflict.lead')}</p>
      {diffs.length > 0 ? (
        <table class="table table-sm mb-0">
          <caption>{t('conflict.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conflict.field')}</th>
              <th scope="col">{t('conflict.current')}</th>
              <th scope="col">{t('conflict.yours')}</th>
            </tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.key}>
                <th scope="row">{t(d.label)}</th>
                <td>{d.current || '—'}</td>
                <td>{d.typed || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

export function IdentifierRows({ t, form, error }: { t: T; form: PersonForm; error?: string | undefined }) {
  const values = form.identifierValue ?? [];
  const rows = values.filter((v) => v.trim()).length;
  const count = Math.min(Math.max(rows + 1, 1), 10);
  const kinds = IDENTIFIER_KINDS.map((k) => ({ value: k, label: t(`idkind.${k}`) }));
  return (
    <fieldset class="mb-3">
      <legend class="h6 mb-4">{t('field.identifiers')}</legend>
      {error ? (
        <div id="identifiers-error" class="invalid-feedback d-block mb-2">
          {error}
        </div>
      ) : null}
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="row border-bottom mb-4 pt-3" key={i}>
          <legend class="visually-hidden">{t('field.identifierRow', { n: i + 1 })}</legend>
          <Select
            id={`identifierKind-${i}`}
            name="identifierKind"
            class="col-md-3"
            label={t('field.identifierKind')}
            value={form.identifierKind?.[i]}
            options={kinds}
          />
          <Field
            id={`identifierValue-${i}`}
            name="identifierValue"
            class="col-md-3"
            label={t('field.identifierValue')}
            value={form.identifierValue?.[i]}
            maxLength={64}
          />
          <Field
            id={`identifierIssuer-${i}`}
            name="identifierIssuer"
            class="col-md-3"
            label={t('field.identifierIssuer')}
            value={form.identifierIssuer?.[i]}
            maxLength={120}
          />
          <Field
            id={`identifierValidUntil-${i}`}
            name="identifierValidUntil"
            class="col-md-3"
            type="date"
            label={t('field.identifierValidUntil')}
            value={form.identifierValidUntil?.[i]}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

export function BirthDate({ t, form, error }: { t: T; form: PersonForm; error?: string | undefined }) {
  const parts = [
    ['birthDay', 'field.birthDay', 2],
    ['birthMonth', 'field.birthMonth', 2],
    ['birthYear', 'field.birthYear', 4],
  ] as const;
  return (
    <fieldset class="mb-3" aria-describedby={`birthDate-hint${error ? ' birthDate-error' : ''}`}>
      <legend class="h6 mb-2">{t('field.birthDate')}</legend>
      <small id="birthDate-hint" class="form-text d-block mb-2">
        {t('field.birthDate.hint')}
      </small>
      {error ? (
        <div id="birthDate-error" class="invalid-feedback d-block mb-2">
          {error}
        </div>
      ) : null}
      <div class="row mt-4">
        {parts.map(([name, label, size]) => (
          <div class={size === 4 ? 'col-4 col-md-2' : 'col-3 col-md-1'} key={name}>
            <Field
              id={name}
              label={t(label)}
              value={form[name]}
              maxLength={size}
              inputMode="numeric"
              autocomplete={`bday-${name === 'birthDay' ? 'day' : name === 'birthMonth' ? 'month' : 'year'}`}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
