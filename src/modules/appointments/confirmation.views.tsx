import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { formatWhen } from './booking.messages.ts';
import { Steps, tb } from './booking.views.tsx';
import { address, type Confirmation } from './confirmation.service.ts';
import { FeedbackWidget } from './feedback.views.tsx';

export function ConfirmationPage(props: { page: PageCtx; appointment: Confirmation; csrf: string }) {
  const { page, appointment: a } = props;
  const t = tb(page);
  return (
    <Layout page={page} title={t('done.title')} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      <Steps t={t} current="done" />
      <div class="alert alert-success" role="status">
        <h2 class="h3">{t('done.title')}</h2>
        <p class="mb-1">
          {`${t('done.code')}: `}
          <strong data-testid="booking-code">{a.code}</strong>
        </p>
        <p class="mb-0">{t('done.keep')}</p>
        {a.hasEmail ? <p class="mb-0">{t('done.emailSent')}</p> : null}
      </div>
      <dl class="row">
        <dt class="col-sm-4">{t('summary.when')}</dt>
        <dd class="col-sm-8">{formatWhen(page.locale, a.startsAt)}</dd>
        <dt class="col-sm-4">{t('summary.topic')}</dt>
        <dd class="col-sm-8">{page.locale === 'it' ? a.topic.it : a.topic.en}</dd>
      </dl>
      <div class="card card-bg mb-4">
        <div class="card-body">
          <h2 class="h5 card-title">{t('done.where')}</h2>
          <p class="mb-0 fw-semibold">{a.office.name}</p>
          <p class="mb-0">{address(a.office)}</p>
        </div>
      </div>
      <p class="d-flex flex-wrap gap-3">
        <a class="btn btn-primary" href={`/prenota/conferma/${a.id}/appuntamento.ics`} download={`${a.code}.ics`}>
          {t('done.ics')}
        </a>
        <a class="btn btn-outline-primary" href="/prenota/gestisci">
          {t('done.manage')}
        </a>
      </p>
      <FeedbackWidget page={page} csrf={props.csrf} pageKey="prenota" question="service" />
    </Layout>
  );
}
