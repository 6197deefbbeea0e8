import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { formatWhen } from './booking.messages.ts';
import { waitlistT } from './waitlist.messages.ts';

/** The page of an offer link: confirm or decline, or "no longer valid". */
export function OfferPage(props: {
  page: PageCtx;
  csrf: string;
  token: string;
  offer?: { officeName: string; startsAt: Date; expiresAt: Date } | undefined;
  done?: { kind: 'confirmed'; code: string; startsAt: Date; officeName: string } | { kind: 'declined' } | undefined;
}) {
  const locale = props.page.locale;
  const t = waitlistT(locale);
  const { offer, done } = props;
  return (
    <Layout page={props.page} title={t('offerTitle')} crumbs={[{ label: t('offerTitle') }]}>
      <h1>{done?.kind === 'confirmed' ? t('confirmed') : t('offerTitle')}</h1>
      {done?.kind === 'confirmed' ? (
        <Alert kind="success">
          {t('confirmedText', { code: done.code, when: formatWhen(locale, done.startsAt), office: done.officeName })}
        </Alert>
      ) : done?.kind === 'declined' ? (
        <Alert kind="info">{t('declined')}</Alert>
      ) : offer ? (
        <>
          <p>
            {t('offerText', {
              office: offer.officeName,
              when: formatWhen(locale, offer.startsAt),
              until: formatWhen(locale, offer.expiresAt),
            })}
          </p>
          <form method="post" action={`/prenota/lista-attesa/offerta/${props.token}`} class="d-flex gap-3">
            <Csrf token={props.csrf} />
            <button type="submit" name="answer" value="confirm" class="btn btn-primary">
              {t('confirm')}
            </button>
            <button type="submit" name="answer" value="decline" class="btn btn-outline-secondary">
              {t('decline')}
            </button>
          </form>
        </>
      ) : (
        <Alert kind="warning">{t('offerGone')}</Alert>
      )}
    </Layout>
  );
}
