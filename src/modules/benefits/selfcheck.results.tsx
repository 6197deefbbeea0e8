import type { PageCtx } from '../../platform/ui/layout.tsx';
import type { Evaluation } from './rules.engine.ts';
import { explainAmount, explainStep, explainVersion, missingLabels } from './rules.explain.ts';
import { DOCUMENTS, type RuleSetDefinition } from './rules.types.ts';
import type { SelfCheckMessageKey } from './selfcheck.messages.ts';

type T = (key: SelfCheckMessageKey, params?: Record<string, string | number>) => string;

export type MeasureInfo = Pick<
  RuleSetDefinition,
  'summary' | 'documents' | 'nextSteps' | 'needWords' | 'kind' | 'status' | 'parameters'
>;

const BADGE = { eligible: 'bg-success', cannot_tell: 'bg-warning text-dark', not_eligible: 'bg-secondary' } as const;

/** One measure in the self-check results: the answer, why (the trace), the amount, what to do and where. */
export function MeasureResult(props: { page: PageCtx; t: T; evaluation: Evaluation; info: MeasureInfo }) {
  const { page, t, evaluation: e, info } = props;
  const locale = page.locale;
  const headingId = `measure-${e.measure}`;
  const definition = info as RuleSetDefinition;
  const hasDemo = info.status === 'demo' || Object.values(info.parameters).some((p) => p.demo);
  return (
    <article class="card card-bg mb-4" aria-labelledby={headingId} data-measure={e.measure} data-result={e.result}>
      <div class="card-body">
        <h3 id={headingId} class="h5 card-title">
          {e.title[locale]} <span class={`badge ${BADGE[e.result]} ms-2`}>{t(`result.${e.result}`)}</span>
        </h3>
        <p>{info.summary[locale]}</p>
        {e.missing.length > 0 ? (
          <p class="fw-semibold">{t('results.missing', { what: missingLabels(e.missing, locale).join(', ') })}</p>
        ) : null}
        {e.amount ? (
          <p class="fw-semibold">{t('results.amount', { amount: explainAmount(e.amount, locale) })}</p>
        ) : null}
        {e.result === 'eligible' && e.amountMissing.length > 0 ? (
          <p>{t('results.amountDepends', { what: missingLabels(e.amountMissing, locale).join(', ') })}</p>
        ) : null}
        <details>
          <summary>{t('results.why')}</summary>
          <ul>
            {e.trace.map((s) => (
              <li key={s.condition}>{explainStep(s, locale, definition)}</li>
            ))}
          </ul>
          <p class="small">
            {explainVersion(e, locale)}
            {hasDemo ? ` ${t('results.demo')}` : ''}
          </p>
        </details>
        {e.result !== 'not_eligible' ? (
          <>
            <h4 class="h6 mt-3">{t('results.next')}</h4>
            <p>{info.nextSteps[locale]}</p>
            <h4 class="h6">{t('results.documents')}</h4>
            <ul>
              {info.documents.map((d) => (
                <li key={d}>{DOCUMENTS[d as keyof typeof DOCUMENTS]?.[locale] ?? d}</li>
              ))}
            </ul>
            <ul class="list-inline">
              <li class="list-inline-item">
                <a href={`/servizi?q=${encodeURIComponent(info.needWords[locale])}`}>{t('results.directory')}</a>
              </li>
              {info.kind === 'municipal' || e.measure === 'morosita-incolpevole' ? (
                <li class="list-inline-item">
                  <a href="/prenota?argomento=contributi">{t('results.book')}</a>
                </li>
              ) : null}
            </ul>
          </>
        ) : null}
        {info.kind === 'national' ? <p class="small mb-0">{t('results.national')}</p> : null}
      </div>
    </article>
  );
}
