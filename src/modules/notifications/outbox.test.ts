import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx } from '../../../test/support/factories.ts';
import { savePerson } from '../../../test/support/people.ts';
import { startTestSmtp } from '../../../test/support/smtp.ts';
import { withTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { enqueueMail, maskAddress, PUBLIC_URL } from './outbox.service.ts';
import { BACKOFF_MINUTES, MAX_ATTEMPTS, processOutbox } from './outbox.worker.ts';

const { db } = await freshDatabase();
const smtp = await startTestSmtp();
const mailer = smtpMailer(smtp.url, 'servizi@comune.example.it');
const MIN = 60_000;

/** A clock the test moves by hand. */
function movingClock(iso: string) {
  let now = new Date(iso).getTime();
  return { now: () => new Date(now), advance: (ms: number) => (now += ms) };
}

const rowsOf = (tenantId: string) =>
  db
    .selectFrom('notification_outbox')
    .select(['id', 'status', 'attempts', 'recipient', 'body_text', 'last_error_code', 'skip_reason', 'dedupe_key'])
    .where('tenant_id', '=', tenantId)
    .orderBy('created_at')
    .execute();

async function queue(tenantId: string, to: string, key: string, at: Date, personId?: string) {
  return withTenant(db, tenantId, (trx) =>
    enqueueMail(trx, {
      tenantId,
      kind: 'test.message',
      to,
      subject: `Prova ${key}`,
      text: `Riferimento ${key}: ${PUBLIC_URL}/prenota/gestisci`,
      dedupeKey: key,
      at,
      ...(personId ? { personId } : {}),
    }),
  );
}

describe('notifications outbox', () => {
  it('masks an address to its first letter and domain', () => {
    expect(maskAddress('giulia.rossi@example.org')).toBe('g***@example.org');
    expect(maskAddress('nonsense')).toBe('***');
  });

  it('queues nothing when the business transaction rolls back', async () => {
    const tenant = await buildTenant(db);
    const at = new Date('2026-11-27T08:00:00Z');
    await expect(
      withTenant(db, tenant.id, async (trx) => {
        await enqueueMail(trx, {
          tenantId: tenant.id,
          kind: 'test.message',
          to: 'x@example.org',
          subject: 's',
          text: 't',
          dedupeKey: 'k1',
          at,
        });
        throw new Error('the booking failed');
      }),
    ).rejects.toThrow('the booking failed');
    expect(await rowsOf(tenant.id)).toEqual([]);
  });

  it('queues a dedupe key once per tenant', async () => {
    const tenant = await buildTenant(db);
    const at = new Date('2026-11-27T08:00:00Z');
    expect(await queue(tenant.id, 'a@example.org', 'same', at)).toBe('queued');
    expect(await queue(tenant.id, 'a@example.org', 'same', at)).toBe('duplicate');
    expect(await rowsOf(tenant.id)).toHaveLength(1);
    // Sent once; the other tests count their own passes.
    expect((await processOutbox(db, mailer, { now: () => at })).sent).toBe(1);
  });

  it('retries after an SMTP failure with backoff, then delivers once and erases address and content', async () => {
    const tenant = await buildTenant(db);
    const clock = movingClock('2026-11-27T08:00:00Z');
    await queue(tenant.id, 'retry@example.org', 'r1', clock.now());
    const before = smtp.messages.length;
    smtp.failNext(1);
    expect(await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).toEqual({
      sent: 0,
      retried: 1,
      dead: 0,
    });
    const [failed] = await rowsOf(tenant.id);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, last_error_code: '451' });
    // Not due yet: a pass within the minute sends nothing.
    clock.advance(30_000);
    expect((await processOutbox(db, mailer, clock)).sent).toBe(0);
    clock.advance(BACKOFF_MINUTES[0] * MIN);
    expect((await processOutbox(db, mailer, clock, { baseUrl: 'https://servizi.example.it' })).sent).toBe(1);
    const mail = await smtp.waitFor((m) => m.to.includes('retry@example.org'));
    expect(mail.text).toContain('https://servizi.example.it/prenota/gestisci');
    expect(mail.text).not.toContain(PUBLIC_URL);
    clock.advance(24 * 60 * MIN);
    await processOutbox(db, mailer, clock);
    expect(smtp.messages.slice(before).filter((m) => m.to.includes('retry@example.org'))).toHaveLength(1);
    expect(await rowsOf(tenant.id)).toEqual([
      expect.objectContaining({ status: 'sent', attempts: 2, recipient: null, body_text: null, last_error_code: null }),
    ]);
  });

  it('two workers running at once never send the same message twice', async () => {
    const tenant = await buildTenant(db);
    const clock = movingClock('2026-11-27T09:00:00Z');
    const addresses = Array.from({ length: 24 }, (_, i) => `pair${i}@example.org`);
    for (const [i, to] of addresses.entries()) await queue(tenant.id, to, `p${i}`, clock.now());
    const other = smtpMailer(smtp.url, 'servizi@comune.example.it');
    const runs = await Promise.all([
      processOutbox(db, mailer, clock, { batch: 5 }),
      processOutbox(db, other, clock, { batch: 5 }),
      processOutbox(db, mailer, clock, { batch: 5 }),
      processOutbox(db, other, clock, { batch: 5 }),
      processOutbox(db, mailer, clock, { batch: 5 }),
      processOutbox(db, other, clock, { batch: 5 }),
    ]);
    // Each message was claimed by exactly one pass.
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(24);
    expect(runs.every((r) => r.sent <= 5)).toBe(true);
    const received = smtp.messages.filter((m) => m.to[0]?.startsWith('pair')).map((m) => m.to[0]);
    expect(received.sort()).toEqual([...addresses].sort());
    expect(new Set(received).size).toBe(received.length);
    expect((await rowsOf(tenant.id)).every((r) => r.status === 'sent')).toBe(true);
  });

  it('moves a message to the dead letters after the last attempt', async () => {
    const tenant = await buildTenant(db);
    const clock = movingClock('2026-11-27T10:00:00Z');
    await queue(tenant.id, 'dead@example.org', 'd1', clock.now());
    smtp.failNext(MAX_ATTEMPTS);
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      const run = await processOutbox(db, mailer, clock);
      expect(run).toEqual({ sent: 0, retried: i < MAX_ATTEMPTS - 1 ? 1 : 0, dead: i < MAX_ATTEMPTS - 1 ? 0 : 1 });
      clock.advance(7 * 60 * MIN);
    }
    expect(await rowsOf(tenant.id)).toEqual([
      expect.objectContaining({ status: 'dead', attempts: MAX_ATTEMPTS, last_error_code: '451' }),
    ]);
    expect(await processOutbox(db, mailer, clock)).toEqual({ sent: 0, retried: 0, dead: 0 });
    // Past the retention the dead letter loses address and content.
    clock.advance(31 * 24 * 60 * MIN);
    await processOutbox(db, mailer, clock);
    expect(await rowsOf(tenant.id)).toEqual([
      expect.objectContaining({ status: 'dead', recipient: null, body_text: null }),
    ]);
  });

  it('a permanent refusal (550, no such mailbox) is a dead letter at once, with the code only', async () => {
    // A second real SMTP server that refuses every recipient.
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('5.1.1 <nobody@example.org>: mailbox unavailable'), { responseCode: 550 }));
      },
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const port = (refusing.server.address() as AddressInfo).port;
      const strict = smtpMailer(`smtp://127.0.0.1:${port}`, 'servizi@comune.example.it');
      const tenant = await buildTenant(db);
      const clock = movingClock('2026-11-27T12:00:00Z');
      await queue(tenant.id, 'nobody@example.org', 'perm', clock.now());
      expect(await processOutbox(db, strict, clock)).toEqual({ sent: 0, retried: 0, dead: 1 });
      expect(await rowsOf(tenant.id)).toEqual([
        expect.objectContaining({ status: 'dead', attempts: 1, last_error_code: '550' }),
      ]);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('queues nothing for a person who asked not to be contacted (a skipped row counts it)', async () => {
    const tenant = await buildTenant(db);
    const op = await buildOperator(db, tenant, 'social_worker');
    const ctx = operatorCtx(db, op);
    const quiet = await savePerson(ctx, {
      givenNames: 'Nina',
      familyNames: 'Quieta',
      email: 'nina@example.org',
      contactPreference: 'do_not_contact',
    });
    const open = await savePerson(ctx, { givenNames: 'Otto', familyNames: 'Aperto', email: 'otto@example.org' });
    const clock = movingClock('2026-11-27T11:00:00Z');
    expect(await queue(tenant.id, 'nina@example.org', `dnc-${newId()}`, clock.now(), quiet.id)).toBe('skipped');
    expect(await queue(tenant.id, 'otto@example.org', `ok-${newId()}`, clock.now(), open.id)).toBe('queued');
    await processOutbox(db, mailer, clock);
    await smtp.waitFor((m) => m.to.includes('otto@example.org'));
    expect(smtp.messages.some((m) => m.to.includes('nina@example.org'))).toBe(false);
    const rows = await rowsOf(tenant.id);
    expect(rows.map((r) => [r.status, r.skip_reason, r.recipient])).toEqual([
      ['skipped', 'do_not_contact', null],
      ['sent', null, null],
    ]);
  });
});
