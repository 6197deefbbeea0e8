import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { runReferralJobs } from './referrals.jobs.ts';

// Deadlines, reminders, escalation, expiry and the person's follow-up, driven by an injected clock.
let now = new Date('2026-11-02T09:00:00Z');
const clock = { now: () => now };
const DAY = 86_400_000;
let w: Awaited<ReturnType<typeof referralWorld>>;
let smtp: TestSmtp;
let run: () => ReturnType<typeof runReferralJobs>;
beforeAll(async () => {
  smtp = await startTestSmtp();
  const mailer = smtpMailer(smtp.url, 'segretariato@comune.example');
  w = await referralWorld({ clock, mailer });
  await w.db.updateTable('office').set({ email: 'sede.centro@comune.example' }).where('id', '=', w.office.id).execute();
  // The job queues its messages; the outbox (the server's worker in production) sends them.
  run = async () => {
    const summary = await runReferralJobs(w.db, clock, { baseUrl: 'https://servizi.comune.example' });
    await processOutbox(w.db, mailer, clock);
    return summary;
  };
});

const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const at = (d: Date, days: number) => new Date(d.getTime() + days * DAY);

describe('response deadline', () => {
  it('reminds the partner once before the deadline, then expires and escalates to the sending office', async () => {
    const t0 = new Date('2026-11-02T09:00:00Z');
    now = t0;
    const r = await aReferral(w);
    const sent = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(sent.responseDueAt).toBe(at(t0, 10).toISOString()); // partner default: 10 days

    now = at(t0, 1);
    expect(await run()).toMatchObject({ reminded: 0, expired: 0 });

    now = at(t0, 8.5);
    expect((await run()).reminded).toBe(1);
    const reminder = await smtp.waitFor((m) => m.subject.includes(r.code) && m.subject.startsWith('Promemoria'));
    expect(reminder.to).toEqual(['invii@caritas.example.org']);
    expect(reminder.text).toContain(`https://servizi.comune.example/partner/invii/${r.id}`);
    for (const personal of ['Giulia', 'Brambilla', 'Pacco']) expect(reminder.raw).not.toContain(personal);
    expect((await run()).reminded).toBe(0); // once

    now = at(t0, 10.01);
    expect((await run()).expired).toBeGreaterThanOrEqual(1);
    const after = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(after).toMatchObject({ status: 'expired', escalatedAt: now.toISOString() });
    expect(after.history.at(-1)).toMatchObject({ from: 'sent', to: 'expired', byKind: 'system', byUser: null });
    const escalation = await smtp.waitFor((m) => m.subject.includes(r.code) && m.subject.includes('scaduto'));
    expect(escalation.to).toEqual(['sede.centro@comune.example']);
    expect(escalation.raw).not.toContain('Giulia');
    const audit = await w.db
      .selectFrom('audit_event')
      .select(['actor_kind', 'details'])
      .where('action', '=', 'referral.expire')
      .where('record_id', '=', r.id)
      .execute();
    expect(audit).toEqual([{ actor_kind: 'system', details: { from: 'sent', escalatedToOffice: w.office.id } }]);
    // Overdue for the coordinator; the partner can no longer accept.
    const overdue = await w.api('GET', '/api/v1/referrals?view=overdue', w.operators.coordinator.token);
    expect(overdue.json().items.map((i: { id: string }) => i.id)).toContain(r.id);
    const late = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, {
      version: after.version,
      to: 'accepted',
    });
    expect(late.statusCode).toBe(409);
  });

  it('an answered referral is neither reminded nor expired', async () => {
    const t0 = new Date('2026-12-01T09:00:00Z');
    now = t0;
    const r = await aReferral(w);
    await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, { version: r.version, to: 'accepted' });
    now = at(t0, 30);
    await run();
    expect((await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json().status).toBe(
      'accepted',
    );
  });

  it('the deadline is configurable per destination type', async () => {
    await w.db
      .insertInto('referral_deadline_setting')
      .values({
        tenant_id: w.tenant.id,
        destination_type: 'partner',
        response_days: 3,
        remind_days_before: 1,
        follow_up_days: 5,
      })
      .execute();
    now = new Date('2027-01-11T09:00:00Z');
    const r = await aReferral(w);
    const view = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(view.responseDueAt).toBe(at(now, 3).toISOString());
    await w.db.deleteFrom('referral_deadline_setting').execute();
  });
});

describe("the person's follow-up", () => {
  it('without a follow-up consent nothing is scheduled', async () => {
    now = new Date('2027-02-01T09:00:00Z');
    const r = await aReferral(w);
    expect(
      (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json().followUp,
    ).toMatchObject({ dueAt: null });
  });

  it('with consent: after the delay a one-click link (single use, not the referral id) stores the answer', async () => {
    now = new Date('2027-03-01T09:00:00Z');
    const consent = await w.api('POST', `/api/v1/people/${w.person}/consents`, w.operators.social_worker.token, {
      purpose: 'follow_up_contact',
      scope: 'Domanda sull’esito degli invii',
    });
    expect(consent.statusCode).toBe(201);
    const r = await aReferral(w);
    const view = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(view.followUp.dueAt).toBe(at(now, 14).toISOString());

    now = at(now, 14.1);
    expect((await run()).followUpsQueued).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor((m) => m.to.includes('giulia@example.org'));
    const link = /https:\/\/servizi\.comune\.example\/esito\/([A-Za-z0-9_-]+)/.exec(mail.text);
    expect(link).not.toBeNull();
    const token = link?.[1] ?? '';
    expect(token).not.toContain(r.id);
    for (const personal of ['Caritas', 'Pacco', r.code]) expect(mail.raw).not.toContain(personal);
    expect((await run()).followUpsQueued).toBe(0); // once

    const browser = new Browser(w.app);
    const page = await browser.get(`/esito/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ha ricevuto l’aiuto di cui aveva bisogno?');
    const csrf = csrfOf(page.body);
    const answered = await browser.post(`/esito/${token}`, { answer: 'partly', _csrf: csrf });
    expect(answered.statusCode).toBe(200);
    expect(answered.body).toContain('abbiamo registrato la sua risposta');
    const stored = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(stored.followUp).toMatchObject({ answer: 'partly', answeredAt: now.toISOString() });
    const again = await browser.post(`/esito/${token}`, { answer: 'yes', _csrf: csrf });
    expect(again.statusCode).toBe(410);
    expect(
      (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json().followUp.answer,
    ).toBe('partly');
  });

  it('a person who has since asked not to be contacted gets no follow-up question (skipped, audited)', async () => {
    now = new Date('2027-04-01T09:00:00Z');
    const r = await aReferral(w);
    const view = (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json();
    expect(view.followUp.dueAt).not.toBeNull();
    await w.db.updateTable('person').set({ contact_preference: 'do_not_contact' }).where('id', '=', w.person).execute();
    try {
      now = at(now, 14.1);
      const before = smtp.messages.length;
      expect(await run()).toMatchObject({ followUpsQueued: 0, followUpsSkipped: 1 });
      expect(smtp.messages.slice(before).some((m) => m.to.includes('giulia@example.org'))).toBe(false);
      const audit = await w.db
        .selectFrom('audit_event')
        .select('details')
        .where('action', '=', 'referral.follow_up')
        .where('record_id', '=', r.id)
        .execute();
      expect(audit).toEqual([{ details: { sent: false, skipped: 'do_not_contact' } }]);
      const row = await w.db
        .selectFrom('notification_outbox')
        .select(['status', 'recipient', 'body_text'])
        .where('dedupe_key', '=', `referral:${r.id}:follow_up`)
        .executeTakeFirstOrThrow();
      expect(row).toEqual({ status: 'skipped', recipient: null, body_text: null });
    } finally {
      await w.db.updateTable('person').set({ contact_preference: 'any' }).where('id', '=', w.person).execute();
    }
  });

  it('an expired or unknown token is refused', async () => {
    now = new Date('2027-05-01T09:00:00Z');
    const r = await aReferral(w);
    now = at(now, 15);
    const before = smtp.messages.length;
    await run();
    const mail = await smtp.waitFor((m) => m.to.includes('giulia@example.org') && smtp.messages.indexOf(m) >= before);
    const token = /\/esito\/([A-Za-z0-9_-]+)/.exec(mail.text)?.[1] ?? '';
    const browser = new Browser(w.app);
    const csrf = csrfOf((await browser.get(`/esito/${token}`)).body);
    now = at(now, 31);
    expect((await browser.get(`/esito/${token}`)).statusCode).toBe(410);
    expect((await browser.post(`/esito/${token}`, { answer: 'yes', _csrf: csrf })).statusCode).toBe(410);
    expect(
      (await w.api('GET', `/api/v1/referrals/${r.id}`, w.operators.social_worker.token)).json().followUp.answer,
    ).toBeNull();
    expect((await browser.get('/esito/not-a-real-token-at-all-000')).statusCode).toBe(404);
  });
});
