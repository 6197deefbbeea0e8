import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator } from '../../../test/support/factories.ts';
import { buildRequestWorld, validRequest } from '../../../test/support/requests.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';

const { db } = await freshDatabase();
const { tenant, office } = await buildRequestWorld(db);
const smtp = await startTestSmtp();
const clock = fixedClock('2026-11-27T08:00:00Z');
const mailer = smtpMailer(smtp.url, 'Comune <servizi@comune.example.it>');
const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });

describe('request for assistance pages', () => {
  it('form → 422 with messages tied to the fields → confirmation with number and dates → e-mail without details', async () => {
    const b = new Browser(app);
    const form = await b.get('/richiesta-assistenza');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Ho letto e compreso l’informativa privacy');
    expect(form.body).toContain('<optgroup label="Generale">');
    const bad = await b.submit(
      '/richiesta-assistenza',
      '/richiesta-assistenza',
      validRequest({ email: 'x', privacy: '' }),
    );
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('<a href="#email">Scrivi un indirizzo e-mail valido');
    expect(bad.body).toContain('aria-describedby="privacy-error"');
    expect(bad.body).toContain('value="Giovanna"');
    const done = await b.submit('/richiesta-assistenza', '/richiesta-assistenza', validRequest());
    expect(done.statusCode).toBe(303);
    const page = await b.get(done.headers.location as string);
    const number = /data-testid="request-number">([^<]+)</.exec(page.body)?.[1] ?? '';
    expect(number).toMatch(/^RA-2026-\d{6}$/);
    expect(page.body).toContain('venerdì 27 novembre 2026');
    expect(page.body).toContain('domenica 27 dicembre 2026');
    expect(page.body).toContain('data-element="feedback"');
    expect(page.body).not.toContain('Giovanna');
    // The acknowledgement is queued with the request and sent by the outbox worker, once.
    expect((await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).sent).toBe(1);
    expect((await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).sent).toBe(0);
    const mail = await smtp.waitFor((m) => m.to.includes('giovanna.sala@example.org'));
    expect(mail.subject).toContain(number);
    expect(mail.text).toContain('27 dicembre 2026');
    expect(mail.text).toContain('https://servizi.example.it/richiesta-assistenza/stato');
    expect(mail.text).not.toMatch(/sfratto|Casa|Giovanna/);

    // Status: same answer for a wrong e-mail and an unknown number; the right pair shows the stage and dates.
    const wrong = await b.submit('/richiesta-assistenza/stato', '/richiesta-assistenza/stato', {
      number,
      email: 'altro@example.org',
    });
    const unknown = await b.submit('/richiesta-assistenza/stato', '/richiesta-assistenza/stato', {
      number: 'RA-2026-999999',
      email: 'giovanna.sala@example.org',
    });
    expect(wrong.statusCode).toBe(200);
    expect(wrong.body).toContain('Non troviamo una richiesta');
    expect(unknown.body.replace(/value="[^"]*"/g, '')).toBe(wrong.body.replace(/value="[^"]*"/g, ''));
    const right = await b.submit('/richiesta-assistenza/stato', '/richiesta-assistenza/stato', {
      number,
      email: 'giovanna.sala@example.org',
    });
    expect(right.body).toContain('data-testid="request-status"');
    expect(right.body).toContain('Ricevuta: un operatore la esaminerà a breve');
    const empty = await b.submit('/richiesta-assistenza/stato', '/richiesta-assistenza/stato', {
      number: '',
      email: '',
    });
    expect(empty.statusCode).toBe(422);

    // The operators' register lists it and opens it, with no registering operator.
    const op = await buildOperator(db, tenant, 'front_office', { offices: [office] });
    const staff = new Browser(app);
    await staff.login(op.username, op.password);
    const list = await staff.get('/operatori/accessi');
    expect(list.statusCode).toBe(200);
    const accessId = /href="\/operatori\/accessi\/([0-9a-f-]{36})"/.exec(list.body)?.[1];
    expect(accessId).toBeDefined();
    const access = await staff.get(`/operatori/accessi/${accessId}`);
    expect(access.statusCode).toBe(200);
    expect(access.body).toContain('sfratto');
    // The operators' list of online requests: number linked to the access, name and e-mail to answer.
    const requests = await staff.get('/operatori/richieste-assistenza');
    expect(requests.statusCode).toBe(200);
    expect(requests.body).toContain(`<a href="/operatori/accessi/${accessId}">${number}</a>`);
    expect(requests.body).toContain('giovanna.sala@example.org');
    const researcher = await buildOperator(db, tenant, 'researcher');
    const outsider = new Browser(app);
    await outsider.login(researcher.username, researcher.password);
    expect((await outsider.get('/operatori/richieste-assistenza')).statusCode).toBe(403);
  });

  it('speaks English to an English browser', async () => {
    const res = await app.inject({ method: 'GET', url: '/richiesta-assistenza', headers: { 'accept-language': 'en' } });
    expect(res.body).toContain('Ask for assistance');
    expect(res.body).toContain('I have read and understood the privacy notice');
    expect(res.body).toContain('Housing (answer within 30 days)');
  });
});
