import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { addException, buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { romeInstant } from './calendar.ts';

const { db, url } = await freshDatabase();
const tenant = await buildTenant(db);
const office = await buildBookableOffice(db, tenant);
await addException(db, tenant, { officeId: office.id, day: '2026-12-01', kind: 'closed' });
const smtp = await startTestSmtp();
const mailer = smtpMailer(smtp.url, 'Comune <servizi@comune.example.it>');
// Friday 27 November 2026, 09:00 in Rome.
const clock = fixedClock('2026-11-27T08:00:00Z');
const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
/** Posts the form of the page just shown, with its hidden fields, plus `fields`. */
function hiddenOf(html: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    out[m[1] ?? ''] = (m[2] ?? '')
      .replace(/&amp;/g, '&')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'");
  }
  return out;
}

async function next(b: Browser, html: string, fields: Record<string, string>, go = 'next') {
  return b.post('/prenota', { ...hiddenOf(html), _csrf: csrfOf(html), go, ...fields });
}

describe('public booking pages', () => {
  it('six steps without JavaScript: office → month and day → time → details → applicant → summary → confirmation with code, ICS and e-mail', async () => {
    const b = new Browser(app);
    const start = await b.get('/prenota');
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain('Passo 1 di 6');
    const when = await next(b, start.body, { office: office.id });
    expect(when.body).toContain('Passo 2 di 6');
    // 1 December is closed by an exception; 30 November is the first day with free times.
    expect(when.body).not.toContain('value="2026-12-01"');
    expect(when.body).toContain('value="2026-11-30"');
    const day = await next(b, when.body, { day: '2026-11-30' }, 'show');
    const slot = romeInstant('2026-11-30', '10:00').toISOString();
    expect(day.body).toContain(`value="${slot}"`);
    const details = await next(b, day.body, { day: '2026-11-30', slot });
    expect(details.body).toContain('Passo 3 di 6');
    const tooLong = await next(b, details.body, { topic: 'colloquio', details: 'x'.repeat(201) });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('I dettagli superano i 200 caratteri.');
    const applicant = await next(b, details.body, {
      topic: 'colloquio',
      details: 'Informazioni sul contributo affitto',
    });
    expect(applicant.body).toContain('Passo 4 di 6');
    const bad = await next(b, applicant.body, { name: '', email: 'nope', phone: '', language: 'it' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Scrivi nome e cognome.');
    expect(bad.body).toContain('aria-describedby="email-hint email-error"');
    expect(bad.body).toContain('href="#privacy"');
    const summary = await next(b, applicant.body, {
      name: 'Giulia Bianchi',
      email: 'giulia@example.org',
      phone: '',
      language: 'it',
      privacy: 'yes',
    });
    expect(summary.body).toContain('Passo 5 di 6');
    expect(summary.body).toContain('Giulia Bianchi');
    // Back is allowed and keeps what was typed.
    const back = await next(b, summary.body, {}, 'back');
    expect(back.body).toContain('Passo 4 di 6');
    expect(back.body).toContain('value="Giulia Bianchi"');
    const done = await next(b, summary.body, {}, 'confirm');
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toMatch(/^\/prenota\/conferma\/[0-9a-f-]{36}$/);
    const confirmation = await b.get(String(done.headers.location));
    const code = /data-testid="booking-code">([^<]+)</.exec(confirmation.body)?.[1];
    expect(code).toMatch(/^APP-2026-\d{6}$/);
    expect(confirmation.body).toContain('Passo 6 di 6');
    expect(confirmation.body).toContain('Via di Prova 1');
    expect(confirmation.body).toContain('data-element="feedback"');
    expect(confirmation.body).not.toContain('Giulia');
    const ics = await b.get(`${done.headers.location}/appuntamento.ics`);
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain('DTSTART:20261130T090000Z');
    expect(ics.body).toContain(code);

    // The confirmation was queued with the booking; the outbox worker sends it.
    expect(smtp.messages.some((m) => m.to.includes('giulia@example.org'))).toBe(false);
    expect((await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).sent).toBe(1);
    const mail = await smtp.waitFor((m) => m.to.includes('giulia@example.org'));
    expect(mail.subject).toBe(`Appuntamento confermato — ${code}`);
    expect(mail.text).toContain('https://servizi.example.it/prenota/gestisci');
    expect(mail.text).toContain(code);
    expect(mail.text).not.toContain('contributo affitto');
    expect(mail.text).not.toContain('Giulia');
    const attached = mail.attachments.find((a) => a.filename === `${code}.ics`);
    expect(attached?.body).toContain('DTSTART:20261130T090000Z');
    expect(attached?.body).toMatch(/BEGIN:VEVENT[\s\S]*END:VEVENT/);
    // The public address is filled into the calendar file too, with its lines folded again.
    expect(attached?.body.replace(/\r?\n[ \t]/g, '')).toContain('https://servizi.example.it/prenota/gestisci');
    expect(attached?.body).not.toContain('PUBLIC_URL');
    expect(attached?.body.split(/\r?\n/).every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);

    const audit = await ownerQuery(
      url,
      `SELECT details FROM audit_event WHERE action = 'appointment.book' AND tenant_id = $1`,
      [tenant.id],
    );
    expect(JSON.stringify(audit.rows)).not.toMatch(/Giulia|giulia@|affitto/);
  });

  it('a service page link pre-selects office and topic; English pages are complete', async () => {
    const b = new Browser(app);
    await b.get('/lingua/en?torna=/');
    const start = await b.get(`/prenota?ufficio=${office.id}&argomento=colloquio`);
    expect(start.body).toContain('Step 1 of 6');
    expect(start.body).toMatch(new RegExp(`value="${office.id}"[^>]*checked`));
    expect(start.body).toContain('name="topic" value="colloquio"');
  });

  it('a time taken meanwhile sends the resident back to choose with alternatives (409), never a 500', async () => {
    const b = new Browser(app);
    const slot = romeInstant('2026-11-30', '11:00').toISOString();
    const page = await b.get('/prenota');
    const form = {
      _csrf: csrfOf(page.body),
      step: 'summary',
      office: office.id,
      month: '2026-11',
      day: '2026-11-30',
      slot,
      topic: 'colloquio',
      details: '',
      name: 'Mario Rossi',
      email: 'mario@example.org',
      phone: '',
      language: 'it',
      privacy: 'yes',
    };
    expect((await b.post('/prenota', { ...form, go: 'confirm' })).statusCode).toBe(303);
    const again = await b.post('/prenota', { ...form, go: 'confirm', name: 'Anna Verdi' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Questo orario è appena stato prenotato da un’altra persona.');
    expect(again.body).toContain(`value="${romeInstant('2026-11-30', '11:30').toISOString()}"`);
  });

  it('the footer links the booking', async () => {
    const home = await new Browser(app).get('/');
    expect(home.body).toContain('data-element="appointment-booking"');
  });
});
