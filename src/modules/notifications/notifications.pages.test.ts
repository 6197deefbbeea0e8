import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import { withTenant } from '../../platform/db/database.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { enqueueMail } from './outbox.service.ts';
import { MAX_ATTEMPTS, processOutbox } from './outbox.worker.ts';

const { db } = await freshDatabase();
const smtp = await startTestSmtp();
const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
const tenant = await buildTenant(db);
const admin = await buildOperator(db, tenant, 'admin');
const coordinator = await buildOperator(db, tenant, 'coordinator');
let now = new Date('2026-11-27T08:00:00Z');
const clock = { now: () => now };
const app = await buildTestApp(db, { clock, mailer });
const PAGE = '/operatori/notifiche';

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

/** Queues a message and lets the SMTP server refuse every attempt until it is a dead letter. */
async function deadLetter(to: string, key: string): Promise<string> {
  await withTenant(db, tenant.id, (trx) =>
    enqueueMail(trx, {
      tenantId: tenant.id,
      kind: 'appointment.reminder',
      to,
      subject: 'Promemoria APP-2026-000001',
      text: 'Testo riservato del messaggio',
      dedupeKey: key,
      at: now,
    }),
  );
  smtp.failNext(MAX_ATTEMPTS);
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    await processOutbox(db, mailer, clock);
    now = new Date(now.getTime() + 7 * 3_600_000);
  }
  const row = await db
    .selectFrom('notification_outbox')
    .select(['id', 'status'])
    .where('dedupe_key', '=', key)
    .executeTakeFirstOrThrow();
  expect(row.status).toBe('dead');
  return row.id;
}

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';

describe('/operatori/notifiche', () => {
  it('shows the dead letter with kind, attempts and error code, a masked address and no content; retry delivers it once', async () => {
    const id = await deadLetter('giulia.rossi@example.org', 'page-1');
    const b = await signedIn(admin);
    const page = await b.get(PAGE);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>Messaggi per tipo e stato</caption>');
    expect(page.body).toContain('<caption>Messaggi non recapitati, dal più recente</caption>');
    expect(page.body).toContain(`id="m-${id}"`);
    expect(page.body).toContain('g***@example.org');
    expect(page.body).toContain('<code>451</code>');
    expect(page.body).toContain(`<td class="text-end">${MAX_ATTEMPTS}</td>`);
    expect(page.body).toMatch(/<td class="text-end" data-status="dead">1<\/td>/);
    for (const secret of ['giulia.rossi', 'Testo riservato', 'APP-2026-000001'])
      expect(page.body).not.toContain(secret);

    const retried = await b.post(`${PAGE}/${id}/riprova`, { _csrf: csrfOf(page.body) });
    expect(retried.statusCode).toBe(303);
    expect(retried.headers.location).toBe(`${PAGE}?esito=retry`);
    const before = smtp.messages.length;
    expect((await processOutbox(db, mailer, clock)).sent).toBe(1);
    await smtp.waitFor((m) => m.to.includes('giulia.rossi@example.org'));
    expect(smtp.messages.length).toBe(before + 1);
    const after = await b.get(PAGE);
    expect(after.body).not.toContain(`id="m-${id}"`);
    expect(after.body).toMatch(/<td class="text-end" data-status="sent">1<\/td>/);
  });

  it('discard erases the dead letter; a second click is told it is gone', async () => {
    const id = await deadLetter('paolo@example.org', 'page-2');
    const b = await signedIn(admin);
    const page = await b.get(PAGE);
    const discarded = await b.post(`${PAGE}/${id}/scarta`, { _csrf: csrfOf(page.body) });
    expect(discarded.headers.location).toBe(`${PAGE}?esito=discard`);
    const row = await db
      .selectFrom('notification_outbox')
      .select(['status', 'recipient', 'body_text', 'recipient_masked'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'discarded', recipient: null, body_text: null, recipient_masked: null });
    const again = await b.post(`${PAGE}/${id}/scarta`, { _csrf: csrfOf(page.body) });
    expect(again.headers.location).toBe(`${PAGE}?esito=gone`);
    const audit = await db
      .selectFrom('audit_event')
      .select(['action', 'record_id'])
      .where('actor_user_id', '=', admin.userId)
      .where('action', 'in', ['notification.retry', 'notification.discard'])
      .orderBy('seq')
      .execute();
    expect(audit.at(-1)).toEqual({ action: 'notification.discard', record_id: id });
  });

  it('saves the reminder settings; hours out of range give 422 with the error tied to the field', async () => {
    const b = await signedIn(admin);
    const bad = await b.submit(PAGE, `${PAGE}/impostazioni`, { reminderEnabled: '1', hours: '500' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Il modulo contiene errori');
    expect(bad.body).toContain('aria-describedby="hours-hint hours-error"');
    expect(bad.body).toContain('value="500"');
    const good = await b.submit(PAGE, `${PAGE}/impostazioni`, { hours: '48', missedFollowUpEnabled: '1' });
    expect(good.headers.location).toBe(`${PAGE}?esito=settings`);
    const saved = await db
      .selectFrom('notification_setting')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({ reminder_enabled: false, reminder_hours_before: 48, missed_followup_enabled: true });
    expect((await b.get(`${PAGE}?esito=settings`)).body).toContain('Impostazioni salvate.');
  });

  it('is refused to a coordinator (403)', async () => {
    const b = await signedIn(coordinator);
    expect((await b.get(PAGE)).statusCode).toBe(403);
  });
});
