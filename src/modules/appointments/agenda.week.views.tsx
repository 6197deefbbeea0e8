import { Layout, type PageCtx } from '../../platform/ui/layout.tsx';
import { agendaT } from './agenda.messages.ts';
import type { Week } from './agenda.week.ts';
import { formatWhen } from './booking.messages.ts';
import { addDays } from './calendar.ts';

const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** The week of one office (optionally one operator's hours): a summary per day and the bookings. */
export function WeekPage({ page, week: w }: { page: PageCtx; week: Week | undefined }) {
  const t = agendaT(page.locale);
  const day = (d: string) => formatWhen(page.locale, noon(d), 'day');
  const q = (monday: string) =>
    `/operatori/agenda/settimana?ufficio=${w?.office.id ?? ''}&settimana=${monday}${w?.operator ? `&operatore=${w.operator.id}` : ''}`;
  const title = w ? t('weekTitle', { from: day(w.monday), to: day(addDays(w.monday, 6)) }) : t('weekView');
  return (
    <Layout
      page={page}
      title={title}
      crumbs={[
        { label: page.t('site.operatorArea'), href: '/operatori' },
        { label: t('title'), href: `/operatori/agenda${w ? `?ufficio=${w.office.id}` : ''}` },
        { label: t('weekView') },
      ]}
    >
      <h1>{w ? `${w.office.name} — ${title}` : title}</h1>
      {!w ? (
        <p>{t('none')}</p>
      ) : (
        <>
          <form method="get" action="/operatori/agenda/settimana" class="row g-3 align-items-end mb-3">
            <div class="col-md-4 select-wrapper">
              <label for="ufficio">{t('office')}</label>
              <select id="ufficio" name="ufficio">
                {w.offices.map((o) => (
                  <option value={o.id} selected={o.id === w.office.id} key={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-md-3 form-group mb-0">
              <label for="settimana" class="active">
                {t('week')}
              </label>
              <input id="settimana" name="settimana" type="date" class="form-control" value={w.monday} />
            </div>
            <div class="col-md-3 select-wrapper">
              <label for="operatore">{t('operator')}</label>
              <select id="operatore" name="operatore">
                <option value="">{t('allOperators')}</option>
                {w.operators.map((o) => (
                  <option value={o.id} selected={o.id === w.operator?.id} key={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div class="col-md-2">
              <button type="submit" class="btn btn-primary">
                {t('show')}
              </button>
            </div>
          </form>
          <nav class="d-flex flex-wrap gap-3 mb-4" aria-label={t('weekView')}>
            <a href={q(addDays(w.monday, -7))}>{t('prevWeek')}</a>
            <a href={q(addDays(w.monday, 7))}>{t('nextWeek')}</a>
            <a href={`/operatori/agenda?ufficio=${w.office.id}&giorno=${w.monday}`}>{t('dayView')}</a>
            <a href={`/operatori/agenda/lista-attesa?ufficio=${w.office.id}`}>{t('waitlistLink')}</a>
          </nav>
          <div class="table-responsive">
            <table class="table">
              <caption>{t('weekSummary', { office: w.office.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('day')}</th>
                  <th scope="col">{t('bookedCount')}</th>
                  <th scope="col">{t('attendedCount')}</th>
                  <th scope="col">{t('freeCount')}</th>
                  {w.operator ? <th scope="col">{t('hours')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {w.days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">
                      <a href={`/operatori/agenda?ufficio=${w.office.id}&giorno=${d.day}`}>{day(d.day)}</a>
                    </th>
                    <td>{d.booked}</td>
                    <td>{d.attended}</td>
                    <td>{d.free}</td>
                    {w.operator ? <td>{d.hours.length > 0 ? d.hours.join(', ') : t('noHours')}</td> : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h2 class="h3 mt-4">{t('appointments')}</h2>
          {w.items.length === 0 ? (
            <p>{t('noWeek')}</p>
          ) : (
            <div class="table-responsive">
              <table class="table">
                <caption>
                  {w.operator
                    ? t('weekListFor', { office: w.office.name, operator: w.operator.name })
                    : t('weekList', { office: w.office.name })}
                </caption>
                <thead>
                  <tr>
                    {(['day', 'time', 'code', 'topic', 'person', 'status', 'access'] as const).map((k) => (
                      <th scope="col" key={k}>
                        {t(k)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {w.items.map((i) => (
                    <tr key={i.id}>
                      <td>{day(i.day)}</td>
                      <td>{i.time}</td>
                      <th scope="row">{i.code}</th>
                      <td>{page.locale === 'it' ? i.topic.it : i.topic.en}</td>
                      <td>{i.applicantName}</td>
                      <td>{t(`status.${i.status}`)}</td>
                      <td>
                        {i.accessId ? (
                          <a href={`/operatori/accessi/${i.accessId}`} aria-label={t('openAccess', { code: i.code })}>
                            {t('openAccessShort')}
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </Layout>
  );
}
