import { Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type FeedbackKey, feedbackT, NEGATIVE, POSITIVE } from './feedback.messages.ts';
import { Area, ErrorSummary, Radios } from './ui.tsx';

/** The Modello Comuni rating: five stars as radio buttons (works without JavaScript). */
export function FeedbackWidget(props: {
  page: PageCtx;
  csrf: string;
  pageKey: string;
  question: 'page' | 'service';
  error?: string | undefined;
}) {
  const t = feedbackT(props.page.locale);
  return (
    <section class="bg-light p-4 my-5 rounded" data-element="feedback" aria-labelledby="feedback-title">
      <form method="post" action="/valuta">
        <Csrf token={props.csrf} />
        <input type="hidden" name="page" value={props.pageKey} />
        <input type="hidden" name="question" value={props.question} />
        <fieldset aria-describedby={props.error ? 'rating-error' : undefined}>
          <legend id="feedback-title" class="h4" data-element="feedback-title">
            {t(`question.${props.question}`)}
          </legend>
          {props.error ? (
            <div id="rating-error" class="invalid-feedback d-block">
              {props.error}
            </div>
          ) : null}
          <div class="d-flex flex-wrap gap-3 my-3">
            {[1, 2, 3, 4, 5].map((n) => (
              <div class="form-check form-check-inline" key={n}>
                <input
                  class="form-check-input"
                  type="radio"
                  id={n === 1 ? 'rating' : `rating-${n}`}
                  name="rating"
                  value={String(n)}
                  data-element={`feedback-rate-${n}`}
                />
                <label class="form-check-label" for={n === 1 ? 'rating' : `rating-${n}`}>
                  <span aria-hidden="true">{'★'.repeat(n)}</span>
                  <span class="visually-hidden">{t('star', { n })}</span>
                </label>
              </div>
            ))}
          </div>
        </fieldset>
        <button type="submit" class="btn btn-outline-primary">
          {t('send')}
        </button>
      </form>
    </section>
  );
}

export function FeedbackFollowUpPage(props: {
  page: PageCtx;
  csrf: string;
  id: string;
  rating: number;
  values?: { aspect: string; comment: string };
  errors?: Record<string, string>;
}) {
  const t = feedbackT(props.page.locale);
  const negative = props.rating <= 3;
  const prefix = negative ? 'negative' : 'positive';
  const aspects = negative ? NEGATIVE : POSITIVE;
  return (
    <Layout page={props.page} title={t('title')}>
      <h1>{t('title')}</h1>
      <ErrorSummary title={t('errors.title')} errors={props.errors ?? {}} />
      <form method="post" action="/valuta/dettagli" data-element="feedback">
        <Csrf token={props.csrf} />
        <input type="hidden" name="id" value={props.id} />
        <input type="hidden" name="rating" value={String(props.rating)} />
        <Radios
          id="aspect"
          name="aspect"
          legend={t(`${prefix}.question` as FeedbackKey)}
          value={props.values?.aspect ?? ''}
          options={aspects.map((a) => ({ value: a, label: t(`${prefix}.${a}` as FeedbackKey) }))}
        />
        <h2 class="h5">{t('details')}</h2>
        <Area
          id="comment"
          label={t('detailsLabel')}
          hint={t('detailsHint')}
          value={props.values?.comment ?? ''}
          error={props.errors?.comment}
          maxLength={200}
        />
        <button type="submit" class="btn btn-primary">
          {t('next')}
        </button>
      </form>
    </Layout>
  );
}

export function FeedbackThanksPage({ page }: { page: PageCtx }) {
  const t = feedbackT(page.locale);
  return (
    <Layout page={page} title={t('title')}>
      <h1>{t('title')}</h1>
      <div class="alert alert-success" role="status">
        {t('thanks')}
      </div>
      <a href="/">{t('home')}</a>
    </Layout>
  );
}
