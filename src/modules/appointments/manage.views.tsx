import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { bookingT, formatWhen } from './booking.messages.ts';
import type { AppointmentView } from './booking.service.ts';
import { address } from './confirmation.service.ts';
import { type ManageKey, manageT } from './manage.messages.ts';
import type { FreeSlot } from './slots.service.ts';
import { ErrorSummary, Field, Radios } from './ui.tsx';

const tm = (page: PageCtx) => manageT(page.locale);

export function ManageRequestPage(props: {
  page: PageCtx;
  csrf: string;
  values?: { code: string; email: string };
  errors?: Record<string, string>;
  notice?: ManageKey;
}) {
  const { page } = props;
  const t = tm(page);
  const e = props.errors ?? {};
  return (
    <Layout page={page} title={t('title')} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      {props.notice ? <Alert kind="warning">{t(props.notice)}</Alert> : null}
      <ErrorSummary title={t('errors.title')} errors={e} />
      <p>{t('intro')}</p>
      <form method="post" action="/prenota/gestisci" novalidate>
        <Csrf token={props.csrf} />
        <Field id="code" label={t('code')} hint={t('codeHint')} value={props.values?.code ?? ''} error={e.code} />
        <Field
          id="email"
          type="email"
          label={t('email')}
          value={props.values?.email ?? ''}
          error={e.email}
          autocomplete="email"
        />
        <button type="submit" class="btn btn-primary">
          {t('send')}
        </button>
      </form>
      <p class="mt-4">{t('phoneOnly')}</p>
    </Layout>
  );
}

export function ManageVerifyPage(props: { page: PageCtx; csrf: string; ticket: string; error?: string | undefined }) {
  const { page } = props;
  const t = tm(page);
  return (
    <Layout page={page} title={t('title')} crumbs={[{ label: t('title') }]}>
      <h1>{t('title')}</h1>
      <ErrorSummary title={t('errors.title')} errors={props.error ? { secret: props.error } : {}} />
      <Alert kind="info">{t('sent')}</Alert>
      <form method="post" action="/prenota/gestisci/verifica" novalidate>
        <Csrf token={props.csrf} />
        <input type="hidden" name="ticket" value={props.ticket} />
        <Field
          id="secret"
          label={t('verifyCode')}
          value=""
          error={props.error}
          autocomplete="one-time-code"
          maxLength={6}
        />
        <button type="submit" class="btn btn-primary">
          {t('verify')}
        </button>
      </form>
      <p class="mt-4">
        <a href="/prenota/gestisci">{t('again')}</a>
      </p>
    </Layout>
  );
}

function ActionButton(props: { csrf: string; token: string; action: string; label: string; primary?: boolean }) {
  return (
    <form method="post" action="/prenota/gestisci/azione" class="d-inline">
      <Csrf token={props.csrf} />
      <input type="hidden" name="token" value={props.token} />
      <button
        type="submit"
        name="action"
        value={props.action}
        class={`btn ${props.primary ? 'btn-primary' : 'btn-outline-primary'}`}
      >
        {props.label}
      </button>
    </form>
  );
}

export function ManagePage(props: {
  page: PageCtx;
  csrf: string;
  token: string;
  appointment: AppointmentView;
  mode: 'view' | 'cancel-ask' | 'move-ask';
  slots?: FreeSlot[];
  notice?: ManageKey | undefined;
  slotError?: string | undefined;
  status?: 'success' | 'warning';
}) {
  const { page, appointment: a, csrf, token } = props;
  const t = tm(page);
  const tb = bookingT(page.locale);
  const rows: [string, string][] = [
    [t('status'), t(`status.${a.status}`)],
    [tb('done.code'), a.code],
    [tb('summary.when'), formatWhen(page.locale, a.startsAt)],
    [tb('done.where'), `${a.office.name}, ${address(a.office)}`],
    [tb('summary.topic'), page.locale === 'it' ? a.topic.it : a.topic.en],
  ];
  const byDay = new Map<string, FreeSlot[]>();
  for (const s of props.slots ?? []) byDay.set(s.day, [...(byDay.get(s.day) ?? []), s]);
  return (
    <Layout
      page={page}
      title={t('yourBooking')}
      crumbs={[{ label: t('title'), href: '/prenota/gestisci' }, { label: t('yourBooking') }]}
    >
      <h1>{t('yourBooking')}</h1>
      <ErrorSummary title={t('errors.title')} errors={props.slotError ? { slot: props.slotError } : {}} />
      {props.notice ? <Alert kind={props.status ?? 'success'}>{t(props.notice)}</Alert> : null}
      <dl class="row">
        {rows.map(([k, v]) => (
          <>
            <dt class="col-sm-4">{k}</dt>
            <dd class="col-sm-8">{v}</dd>
          </>
        ))}
      </dl>
      {a.status === 'booked' && props.mode === 'view' ? (
        <div class="d-flex flex-wrap gap-3">
          <ActionButton csrf={csrf} token={token} action="move-ask" label={t('reschedule')} primary />
          <ActionButton csrf={csrf} token={token} action="cancel-ask" label={t('cancel')} />
        </div>
      ) : null}
      {a.status === 'booked' && props.mode === 'cancel-ask' ? (
        <div class="alert alert-warning" role="alert">
          <p>{t('cancelQuestion')}</p>
          <div class="d-flex flex-wrap gap-3">
            <ActionButton csrf={csrf} token={token} action="cancel" label={t('cancelConfirm')} primary />
            <ActionButton csrf={csrf} token={token} action="view" label={tb('back')} />
          </div>
        </div>
      ) : null}
      {a.status === 'booked' && props.mode === 'move-ask' ? (
        <form method="post" action="/prenota/gestisci/azione" novalidate>
          <Csrf token={csrf} />
          <input type="hidden" name="token" value={token} />
          <h2 class="h4">{t('reschedule')}</h2>
          {byDay.size === 0 ? <p id="slot">{t('rescheduleNone')}</p> : null}
          {[...byDay.entries()].map(([day, slots], i) => (
            <Radios
              key={day}
              id={i === 0 ? 'slot' : `slot-${day}`}
              name="slot"
              legend={`${formatWhen(page.locale, new Date(`${day}T12:00:00Z`), 'day')}`}
              value=""
              error={i === 0 ? props.slotError : undefined}
              options={slots.map((s) => ({
                value: s.startsAt.toISOString(),
                label: formatWhen(page.locale, s.startsAt, 'time'),
              }))}
            />
          ))}
          <div class="d-flex flex-wrap gap-3">
            <button type="submit" name="action" value="move" class="btn btn-primary">
              {t('rescheduleSave')}
            </button>
            <button type="submit" name="action" value="view" class="btn btn-outline-primary">
              {tb('back')}
            </button>
          </div>
        </form>
      ) : null}
    </Layout>
  );
}
