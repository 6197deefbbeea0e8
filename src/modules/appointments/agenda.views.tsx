import { Alert, Csrf } from '../../platform/ui/forms.tsx';
import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { type AgendaKey, agendaT } from './agenda.messages.ts';
import type { Agenda } from './agenda.service.ts';
import { formatWhen } from './booking.messages.ts';
import type { BookableOffice } from './slots.service.ts';
import { Area, ErrorSummary, Field } from './ui.tsx';

export interface DeskForm {
  slot: string;
  topic: string;
  name: string;
  phone: string;
  email: string;
  channel: string;
  details: string;
  /** The person of the file the booking was started from (a UUID), or ''. */
  person?: string;
}

export function AgendaPage(props: {
  page: PageCtx;
  csrf: string;
  offices: BookableOffice[];
  agenda?: Agenda | undefined;
  topics: { code: string; label: string }[];
  /** Need areas of the current taxonomy (check-in files the access under one). */
  areas: { id: string; code: string; label: string }[];
  /** The operator may change the calendar settings (schedule.manage): link them. */
  canConfigure?: boolean;
  notice?: { key: AgendaKey; kind: 'success' | 'warning' } | undefined;
  form?: DeskForm;
  errors?: Record<string, string>;
}) {
  const { page, agenda: a } = props;
  const t = agendaT(page.locale);
  const dayLabel = a ? formatWhen(page.locale, new Date(`${a.day}T12:00:00Z`), 'day') : '';
  const f = props.form ?? { slot: '', topic: '', name: '', phone: '', email: '', channel: 'desk', details: '' };
  const e = props.errors ?? {};
  return (
    <Layout
      page={page}
      title={t('title')}
      crumbs={[{ label: page.t('site.operatorArea'), href: '/operatori' }, { label: t('title') }]}
    >
      <h1>{a ? `${t('title')} — ${a.office.name}, ${dayLabel}` : t('title')}</h1>
      {props.notice ? <Alert kind={props.notice.kind}>{t(props.notice.key)}</Alert> : null}
      {a ? (
        <nav class="d-flex flex-wrap gap-3 mb-3" aria-label={t('title')}>
          <a href={`/operatori/agenda/settimana?ufficio=${a.office.id}&settimana=${a.day}`}>{t('weekView')}</a>
          <a href={`/operatori/agenda/lista-attesa?ufficio=${a.office.id}`}>{t('waitlistLink')}</a>
          {props.canConfigure ? (
            <a href={`/operatori/agenda/impostazioni?ufficio=${a.office.id}`}>{t('settingsLink')}</a>
          ) : null}
        </nav>
      ) : null}
      {props.offices.length === 0 ? <p>{t('none')}</p> : null}
      <form method="get" action="/operatori/agenda" class="row g-3 align-items-end mb-4">
        <div class="col-md-5 select-wrapper">
          <label for="ufficio">{t('office')}</label>
          <select id="ufficio" name="ufficio">
            {props.offices.map((o) => (
              <option value={o.id} selected={o.id === a?.office.id} key={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
        <div class="col-md-4 form-group mb-0">
          <label for="giorno" class="active">
            {t('day')}
          </label>
          <input id="giorno" name="giorno" type="date" class="form-control" value={a?.day ?? ''} />
        </div>
        <div class="col-md-3">
          <button type="submit" class="btn btn-primary">
            {t('show')}
          </button>
        </div>
      </form>
      {a ? (
        <>
          <h2 class="h3">{t('appointments')}</h2>
          {a.appointments.length === 0 ? (
            <p>{t('noAppointments')}</p>
          ) : (
            <div class="table-responsive">
              <table class="table">
                <caption>{t('caption', { office: a.office.name, day: dayLabel })}</caption>
                <thead>
                  <tr>
                    {(['time', 'code', 'topic', 'person', 'contact', 'channel', 'status', 'actions'] as const).map(
                      (k) => (
                        <th scope="col" key={k}>
                          {t(k)}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {a.appointments.map((x) => (
                    <tr key={x.id}>
                      <td>{formatWhen(page.locale, x.startsAt, 'time')}</td>
                      <th scope="row">{x.code}</th>
                      <td>{page.locale === 'it' ? x.topic.it : x.topic.en}</td>
                      <td>{x.applicant.name}</td>
                      <td>{[x.applicant.phone, x.applicant.email].filter(Boolean).join(' · ')}</td>
                      <td>{t(`channel.${x.channel}`)}</td>
                      <td>{t(`status.${x.status}`)}</td>
                      <td>
                        <RowActions
                          t={t}
                          csrf={props.csrf}
                          a={x}
                          accessId={a.accessOf[x.id]}
                          areas={props.areas}
                          proposed={a.areaOfTopic[x.topic.id]}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 class="h3 mt-4">{t('walkIns')}</h2>
          {a.walkIns.length === 0 ? (
            <p>{t('noWalkIns')}</p>
          ) : (
            <table class="table">
              <caption>{t('walkInsCaption', { office: a.office.name, day: dayLabel })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('time')}</th>
                  <th scope="col">{t('code')}</th>
                </tr>
              </thead>
              <tbody>
                {a.walkIns.map((w) => (
                  <tr key={w.id}>
                    <td>{formatWhen(page.locale, w.occurredAt, 'time')}</td>
                    <th scope="row">
                      <a href={`/operatori/accessi/${w.id}`}>{w.code}</a>
                    </th>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h2 class="h3 mt-4" id="prenota">
            {t('book')}
          </h2>
          {f.person ? <p class="fw-semibold">{t('bookingFor', { name: f.name })}</p> : null}
          <p>{t('bookIntro')}</p>
          <ErrorSummary title={t('errors.title')} errors={e} />
          {a.free.length === 0 ? (
            <p>{t('noFree')}</p>
          ) : (
            <form method="post" action="/operatori/agenda/prenota" novalidate>
              <Csrf token={props.csrf} />
              <input type="hidden" name="office" value={a.office.id} />
              <input type="hidden" name="day" value={a.day} />
              {f.person ? <input type="hidden" name="person" value={f.person} /> : null}
              <div class="select-wrapper mb-4">
                <label for="slot">{t('slot')}</label>
                <select id="slot" name="slot" aria-describedby={e.slot ? 'slot-error' : undefined}>
                  {a.free.map((s) => (
                    <option
                      value={s.startsAt.toISOString()}
                      selected={s.startsAt.toISOString() === f.slot}
                      key={s.time}
                    >
                      {s.time}
                    </option>
                  ))}
                </select>
                {e.slot ? (
                  <div id="slot-error" class="invalid-feedback d-block">
                    {e.slot}
                  </div>
                ) : null}
              </div>
              <div class="select-wrapper mb-4">
                <label for="topic">{t('topicField')}</label>
                <select id="topic" name="topic" aria-describedby={e.topic ? 'topic-error' : undefined}>
                  {props.topics.map((o) => (
                    <option value={o.code} selected={o.code === f.topic} key={o.code}>
                      {o.label}
                    </option>
                  ))}
                </select>
                {e.topic ? (
                  <div id="topic-error" class="invalid-feedback d-block">
                    {e.topic}
                  </div>
                ) : null}
              </div>
              <div class="select-wrapper mb-4">
                <label for="channel">{t('bookChannel')}</label>
                <select id="channel" name="channel">
                  {(['desk', 'phone'] as const).map((c) => (
                    <option value={c} selected={c === f.channel} key={c}>
                      {t(`channel.${c}`)}
                    </option>
                  ))}
                </select>
              </div>
              <Field id="name" label={t('name')} value={f.name} error={e.name} />
              <Field id="phone" type="tel" label={t('phone')} value={f.phone} error={e.phone} />
              <Field id="email" type="email" label={t('email')} value={f.email} error={e.email} />
              <Area id="details" label={t('details')} value={f.details} error={e.details} maxLength={200} />
              <button type="submit" class="btn btn-primary">
                {t('save')}
              </button>
            </form>
          )}
          <h2 class="h3 mt-5">{t('stats')}</h2>
          <p>
            {t('statsLine', {
              held: a.stats.held,
              attended: a.stats.attended,
              noShow: a.stats.noShow,
              cancelled: a.stats.cancelled,
            })}
          </p>
          <p>{a.stats.rate === null ? t('noRate') : t('rate', { rate: `${Math.round(a.stats.rate * 100)} %` })}</p>
        </>
      ) : null}
    </Layout>
  );
}

/** Check-in (with the need area of the access), no-show, or the link to the access a check-in opened. */
function RowActions(props: {
  t: ReturnType<typeof agendaT>;
  csrf: string;
  a: Agenda['appointments'][number];
  accessId: string | undefined;
  areas: { id: string; code: string; label: string }[];
  proposed: string | undefined;
}) {
  const { t, a: x } = props;
  if (props.accessId) {
    return (
      <a href={`/operatori/accessi/${props.accessId}`} aria-label={t('openAccess', { code: x.code })}>
        {t('openAccessShort')}
      </a>
    );
  }
  if (x.status !== 'booked' && x.status !== 'attended') return null;
  const areaId = `area-${x.id}`;
  return (
    <form method="post" action={`/operatori/agenda/${x.id}/esito`} class="d-flex flex-wrap gap-2 align-items-center">
      <Csrf token={props.csrf} />
      <input type="hidden" name="version" value={String(x.version)} />
      <label for={areaId} class="visually-hidden">
        {t('needAreaFor', { code: x.code })}
      </label>
      <select id={areaId} name="needArea" class="form-select form-select-sm w-auto">
        <option value="">{t('needAreaChoose')}</option>
        {props.areas.map((ar) => (
          <option value={ar.id} selected={ar.code === props.proposed} key={ar.id}>
            {ar.label}
          </option>
        ))}
      </select>
      <button
        type="submit"
        name="status"
        value="attended"
        class="btn btn-sm btn-outline-primary"
        aria-label={t('markFor', { what: x.status === 'booked' ? t('markAttended') : t('checkInAgain'), code: x.code })}
      >
        {x.status === 'booked' ? t('markAttended') : t('checkInAgain')}
      </button>
      {x.status === 'booked' ? (
        <button
          type="submit"
          name="status"
          value="no_show"
          class="btn btn-sm btn-outline-secondary"
          aria-label={t('markFor', { what: t('markNoShow'), code: x.code })}
        >
          {t('markNoShow')}
        </button>
      ) : null}
      {x.status === 'booked' ? (
        <button
          type="submit"
          name="status"
          value="cancelled"
          class="btn btn-sm btn-outline-danger"
          aria-label={t('markFor', { what: t('cancel'), code: x.code })}
        >
          {t('cancel')}
        </button>
      ) : null}
    </form>
  );
}
