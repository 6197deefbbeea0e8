import { describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { buildBookableOffice, fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildToken } from '../../../test/support/factories.ts';
import { buildRequestWorld } from '../../../test/support/requests.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { romeInstant } from './calendar.ts';

const { db } = await freshDatabase();
const { tenant, office: requestOffice } = await buildRequestWorld(db);
const office = await buildBookableOffice(db, tenant);
const elsewhere = await buildOffice(db, tenant);
const smtp = await startTestSmtp();
// Friday 27 November 2026, 09:00 in Rome.
const clock = fixedClock('2026-11-27T08:00:00Z');
const mailer = smtpMailer(smtp.url, 'Comune <servizi@comune.example.it>');
const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code }, mailer });
const tokenOf = async (role: Parameters<typeof buildOperator>[2], offices = [office, requestOffice]) =>
  buildToken(db, await buildOperator(db, tenant, role, { offices }));
const desk = await tokenOf('front_office');
const other = await tokenOf('front_office', [elsewhere]);
const researcher = await tokenOf('researcher', []);

const api = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
  app.inject({
    method,
    url,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    ...(payload ? { payload } : {}),
  });

const request = {
  firstName: 'Giovanna',
  lastName: 'Sala',
  email: 'giovanna.sala@example.org',
  service: 'casa',
  message: 'Cerco aiuto per una nuova casa.',
  privacyAcknowledged: true,
};

describe('/api/v1/assistance-requests', () => {
  it('public create: 201 with number and dates, 422 per field, listed for the front door only', async () => {
    const created = await api('POST', '/api/v1/assistance-requests', undefined, request);
    expect(created.statusCode).toBe(201);
    const body = created.json<{ number: string; takenInChargeOn: string; dueOn: string }>();
    expect(body).toMatchObject({ takenInChargeOn: '2026-11-27', dueOn: '2026-12-27' });
    expect(body.number).toMatch(/^RA-2026-\d{6}$/);
    // Queued with the request; the outbox worker sends it.
    expect((await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).sent).toBe(1);
    await smtp.waitFor((m) => m.to.includes('giovanna.sala@example.org') && m.subject.includes(body.number));

    const bad = await api('POST', '/api/v1/assistance-requests', undefined, {
      ...request,
      service: 'nope',
      privacyAcknowledged: false,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(
      bad
        .json<{ errors: { pointer: string }[] }>()
        .errors.map((e) => e.pointer)
        .sort(),
    ).toEqual(['/privacyAcknowledged', '/service']);
    const tooLong = await api('POST', '/api/v1/assistance-requests', undefined, {
      ...request,
      message: 'x'.repeat(601),
    });
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/body/message');

    const list = await api('GET', '/api/v1/assistance-requests?from=2026-11-01', desk);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: { number: string; email: string }[] }>().items).toContainEqual(
      expect.objectContaining({ number: body.number, email: 'giovanna.sala@example.org' }),
    );
    // The access register's API shows the online access with no registering operator.
    const item = list
      .json<{ items: { number: string; accessId: string }[] }>()
      .items.find((i) => i.number === body.number);
    const access = await api('GET', `/api/v1/accesses/${item?.accessId}`, desk);
    expect(access.statusCode).toBe(200);
    expect(access.json()).toMatchObject({ channel: 'online_request', registeredBy: null, status: 'waiting' });
    // Another office's operator gets an empty list; a researcher is refused; nobody signed in is 401.
    expect((await api('GET', '/api/v1/assistance-requests', other)).json<{ items: unknown[] }>().items).toEqual([]);
    expect((await api('GET', '/api/v1/assistance-requests', researcher)).statusCode).toBe(403);
    expect((await api('GET', '/api/v1/assistance-requests')).statusCode).toBe(401);
  });

  it('is rate-limited per client address', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(
        (await api('POST', '/api/v1/assistance-requests', undefined, { ...request, service: 'nope' })).statusCode,
      );
    }
    expect(codes.at(-1)).toBe(429);
  });
});

describe('/api/v1/appointments', () => {
  it('desk booking, the day list, one booking, cancel with the version; other offices refused', async () => {
    const startsAt = romeInstant('2026-11-30', '10:00').toISOString();
    const booking = { officeId: office.id, topic: 'colloquio', startsAt, channel: 'phone', name: 'Paolo Riva' };
    const noContact = await api('POST', '/api/v1/appointments', desk, booking);
    expect(noContact.statusCode).toBe(422);
    expect(noContact.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer).toBe('/email');
    const created = await api('POST', '/api/v1/appointments', desk, { ...booking, phone: '039 555 1234' });
    expect(created.statusCode).toBe(201);
    const a = created.json<{ id: string; code: string; version: number; channel: string }>();
    expect(a.channel).toBe('phone');
    const again = await api('POST', '/api/v1/appointments', desk, { ...booking, phone: '039 555 1234' });
    expect(again.statusCode).toBe(409);
    expect(again.json<{ type: string }>().type).toContain('slot-taken');

    const day = await api('GET', `/api/v1/appointments?officeId=${office.id}&day=2026-11-30`, desk);
    expect(day.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([a.id]);
    expect((await api('GET', `/api/v1/appointments?officeId=${office.id}&day=30-11-2026`, desk)).statusCode).toBe(400);
    expect((await api('GET', `/api/v1/appointments/${a.id}`, desk)).json<{ code: string }>().code).toBe(a.code);
    expect((await api('GET', `/api/v1/appointments/${a.id}`, other)).statusCode).toBe(403);
    expect((await api('GET', `/api/v1/appointments/${a.id}`, researcher)).statusCode).toBe(403);
    expect((await api('POST', `/api/v1/appointments`, other, { ...booking, phone: '039 555 1234' })).statusCode).toBe(
      403,
    );

    expect(
      (await api('POST', `/api/v1/appointments/${a.id}/cancel`, desk, { version: a.version + 1 })).statusCode,
    ).toBe(409);
    expect((await api('POST', `/api/v1/appointments/${a.id}/cancel`, other, { version: a.version })).statusCode).toBe(
      403,
    );
    const cancelled = await api('POST', `/api/v1/appointments/${a.id}/cancel`, desk, { version: a.version });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json<{ status: string }>().status).toBe('cancelled');
  });

  it('is in the OpenAPI document', async () => {
    const paths = Object.keys((await app.inject({ url: '/openapi.json' })).json<{ paths: object }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/assistance-requests',
        '/api/v1/appointments',
        '/api/v1/appointments/{id}',
        '/api/v1/appointments/{id}/cancel',
      ]),
    );
  });
});
