import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { aReferral, referralWorld } from '../../../test/support/referrals.ts';
import { startTestSmtp, type TestSmtp } from '../../../test/support/smtp.ts';
import { systemClock } from '../../platform/context.ts';
import { asSystem } from '../../platform/db/database.ts';
import { type Mailer, smtpMailer } from '../../platform/mail.ts';
import { processOutbox } from '../notifications/index.ts';
import { STATUSES, TRANSITIONS } from './referrals.model.ts';

let w: Awaited<ReturnType<typeof referralWorld>>;
let smtp: TestSmtp;
let mailer: Mailer;
beforeAll(async () => {
  smtp = await startTestSmtp();
  mailer = smtpMailer(smtp.url, 'segretariato@comune.example');
  w = await referralWorld({ mailer });
});

const sw = () => w.operators.social_worker.token;

describe('field-limited sharing with a partner', () => {
  it('the partner sees only the two fields shared; its first reading marks the referral received', async () => {
    const r = await aReferral(w, { fields: ['givenNames', 'phone'] });
    const res = await w.api('GET', `/api/v1/referrals/${r.id}`, w.partner.token);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.shared).toEqual({ givenNames: 'Giulia', phone: '+393331234567' });
    expect(body.status).toBe('received');
    for (const hidden of ['personId', 'reason', 'createdBy', 'consentId', 'followUp'])
      expect(body).not.toHaveProperty(hidden);
    expect(res.body).not.toContain('Brambilla');
    expect(res.body).not.toContain('giulia@example.org');
    expect(res.body).not.toContain('Pacco alimentare');
    expect(body.history.every((h: { byUser: unknown }) => h.byUser === null)).toBe(true);
    // The operator sees the whole referral.
    const op = await w.api('GET', `/api/v1/referrals/${r.id}`, sw());
    expect(op.json()).toMatchObject({
      personId: w.person,
      reason: 'Pacco alimentare e orientamento al lavoro',
      status: 'received',
    });
  });

  it("the partner's inbox lists its organization's referrals with shared fields only; never a draft", async () => {
    const draft = await aReferral(w, { send: false });
    const sent = await aReferral(w);
    const inbox = await w.api('GET', '/api/v1/referrals', w.partner.token);
    const ids = inbox.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(sent.id);
    expect(ids).not.toContain(draft.id);
    expect(inbox.body).not.toContain('Brambilla');
    expect(inbox.body).not.toContain('Pacco');
    const other = await w.api('GET', '/api/v1/referrals', w.otherPartner.token);
    expect(other.json().items).toEqual([]);
  });

  it('a partner of another organization gets 404 and the attempt is audited denied', async () => {
    const r = await aReferral(w);
    const res = await w.api('GET', `/api/v1/referrals/${r.id}`, w.otherPartner.token);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('Giulia');
    expect((await w.events(w.otherPartner.userId, 'referral.read')).at(-1)).toMatchObject({
      outcome: 'denied',
      record_id: r.id,
    });
    const answer = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.otherPartner.token, {
      to: 'accepted',
      version: r.version,
    });
    expect(answer.statusCode).toBe(404);
  });

  it('revoking the consent cuts the partner off the shared fields, audited', async () => {
    const r = await aReferral(w);
    const revoke = await w.api('POST', `/api/v1/people/${w.person}/consents/${w.consentId}/revoke`, sw(), {});
    expect(revoke.statusCode).toBe(200);
    const res = await w.api('GET', `/api/v1/referrals/${r.id}`, w.partner.token);
    expect(res.json()).toMatchObject({ shared: {}, sharedFields: [], sharingWithdrawn: true });
    expect(res.body).not.toContain('Giulia');
    expect((await w.events(w.partner.userId, 'referral.read')).at(-1)).toMatchObject({
      outcome: 'ok',
      details: { fieldsShown: [], withheld: 'consent-no-longer-valid' },
    });
    // No new referral can rest on it.
    const again = await w.api('POST', '/api/v1/referrals', sw(), {
      personId: w.person,
      destinationType: 'partner',
      organizationId: w.org,
      reason: 'x',
      legalBasis: 'consent',
      consentId: w.consentId,
      sharedFields: ['givenNames'],
    });
    expect(again.statusCode).toBe(422);
    expect(again.json().errors).toEqual([{ pointer: '/consentId', detail: 'notAnActiveSharingConsent' }]);
  });

  it('the partner notification carries the reference and a link, no personal data', async () => {
    const before = smtp.messages.length;
    const consent = await w.api('POST', `/api/v1/people/${w.person}/consents`, sw(), {
      purpose: 'share_with_partner',
      scope: 'Caritas',
    });
    w.consentId = consent.json().id;
    const r = await aReferral(w);
    // Queued with the sending; the outbox delivers it.
    expect(smtp.messages.some((m) => m.subject.includes(r.code))).toBe(false);
    await processOutbox(w.db, mailer, systemClock);
    const mail = await smtp.waitFor((m) => m.subject.includes(r.code));
    expect(smtp.messages.length).toBeGreaterThan(before);
    expect(mail.to).toEqual(['invii@caritas.example.org']);
    expect(mail.text).toContain(`/partner/invii/${r.id}`);
    for (const personal of ['Giulia', 'Brambilla', '333', 'Pacco']) expect(mail.raw).not.toContain(personal);
  });
});

describe('the status machine', () => {
  it('the service and the database agree on the legal transitions', async () => {
    const rows = await w.db.selectFrom('referral_transition').selectAll().execute();
    const db = rows.map((r) => `${r.from_status}>${r.to_status}`).sort();
    const code = STATUSES.flatMap((s) => TRANSITIONS[s].map((t) => `${s}>${t}`)).sort();
    expect(db).toEqual(code);
  });

  it('the database refuses an illegal transition whoever writes it', async () => {
    const r = await aReferral(w, { send: false });
    await expect(
      asSystem(w.db, (trx) =>
        sql`UPDATE referral SET status = 'completed', outcome = 'got_help' WHERE id = ${r.id}`.execute(trx),
      ),
    ).rejects.toThrow(/draft -> completed is not allowed/);
    await expect(
      asSystem(w.db, (trx) => sql`UPDATE referral SET status = 'sent' WHERE id = ${r.id}`.execute(trx)),
    ).resolves.toBeDefined();
  });

  it('partner: accept → in progress (with progress reports) → completed with a coded outcome; each step timestamped and attributed', async () => {
    const r = await aReferral(w);
    await w.api('GET', `/api/v1/referrals/${r.id}`, w.partner.token); // received
    let v = (await w.api('GET', `/api/v1/referrals/${r.id}`, sw())).json().version;
    const step = async (body: object) => {
      const res = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, { version: v, ...body });
      if (res.statusCode === 200) v = res.json().version;
      return res;
    };
    expect((await step({ to: 'accepted' })).json().status).toBe('accepted');
    expect((await step({ to: 'in_progress' })).json().status).toBe('in_progress');
    const report = await step({ to: 'in_progress', note: 'Primo colloquio fatto' });
    expect(report.json().status).toBe('in_progress');
    const noNote = await step({ to: 'in_progress' });
    expect(noNote.statusCode).toBe(422);
    expect((await step({ to: 'completed' })).statusCode).toBe(422); // outcome required
    const done = await step({ to: 'completed', outcome: 'got_help' });
    expect(done.json()).toMatchObject({ status: 'completed', outcome: 'got_help' });
    const history = (await w.api('GET', `/api/v1/referrals/${r.id}`, sw())).json().history;
    expect(history.map((h: { to: string }) => h.to)).toEqual([
      'draft',
      'sent',
      'received',
      'accepted',
      'in_progress',
      'in_progress',
      'completed',
    ]);
    expect(history.at(-1)).toMatchObject({ byKind: 'partner', byUser: w.partner.userId, reasonCode: 'got_help' });
    // Finished: nothing more.
    expect((await step({ to: 'accepted' })).statusCode).toBe(409);
    const cancel = await w.api('POST', `/api/v1/referrals/${r.id}/cancel`, sw(), { version: v, reason: 'x' });
    expect(cancel.statusCode).toBe(409);
  });

  it('declining needs a coded reason (and a note for "other"); a declined referral is in the action list', async () => {
    const r = await aReferral(w);
    const res = (body: object) =>
      w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, {
        version: r.version,
        to: 'declined',
        ...body,
      });
    expect((await res({})).json().errors).toEqual([{ pointer: '/reasonCode', detail: 'required' }]);
    expect((await res({ reasonCode: 'other' })).json().errors).toEqual([{ pointer: '/note', detail: 'required' }]);
    expect((await res({ reasonCode: 'no_capacity' })).json()).toMatchObject({
      status: 'declined',
      declineReason: 'no_capacity',
    });
    const action = await w.api('GET', '/api/v1/referrals?view=action', sw());
    expect(action.json().items.map((i: { id: string }) => i.id)).toContain(r.id);
  });

  it('forbidden moves are 409 and change nothing: completing a sent referral, sending twice', async () => {
    const r = await aReferral(w);
    const complete = await w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, {
      version: r.version,
      to: 'completed',
      outcome: 'got_help',
    });
    expect(complete.statusCode).toBe(409);
    const resend = await w.api('POST', `/api/v1/referrals/${r.id}/send`, sw(), { version: r.version });
    expect(resend.statusCode).toBe(409);
    expect((await w.api('GET', `/api/v1/referrals/${r.id}`, sw())).json().status).toBe('sent');
  });

  it('a stale version is a conflict (two answers at once: one wins)', async () => {
    const r = await aReferral(w);
    const [a, b] = await Promise.all([
      w.api('POST', `/api/v1/referrals/${r.id}/responses`, w.partner.token, { version: r.version, to: 'accepted' }),
      w.api('POST', `/api/v1/referrals/${r.id}/cancel`, sw(), {
        version: r.version,
        reason: 'La persona ha trovato altro',
      }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
  });

  it('an operator records the answer of an internal area, never on behalf of a partner', async () => {
    const res = await w.api('POST', '/api/v1/referrals', sw(), {
      personId: w.person,
      destinationType: 'internal_area',
      internalArea: 'elderly',
      reason: 'Valutazione per assistenza domiciliare',
      legalBasis: 'public_task',
      sharedFields: [],
    });
    const d = res.json();
    const sent = await w.api('POST', `/api/v1/referrals/${d.id}/send`, sw(), { version: d.version });
    const ok = await w.api('POST', `/api/v1/referrals/${d.id}/responses`, w.operators.coordinator.token, {
      version: sent.json().version,
      to: 'accepted',
    });
    expect(ok.json().status).toBe('accepted');
    const p = await aReferral(w);
    const refused = await w.api('POST', `/api/v1/referrals/${p.id}/responses`, sw(), {
      version: p.version,
      to: 'accepted',
    });
    expect(refused.statusCode).toBe(403);
    expect((await w.events(w.operators.social_worker.userId, 'referral.respond')).at(-1)).toMatchObject({
      outcome: 'denied',
      details: { reason: 'partner-answers' },
    });
  });

  it('partner capacity is shown to operators choosing a destination', async () => {
    expect((await w.api('PUT', '/api/v1/partner/capacity', w.partner.token, { status: 'waitlist' })).statusCode).toBe(
      204,
    );
    const dest = await w.api('GET', '/api/v1/referrals/destinations', sw());
    expect(dest.json().items).toContainEqual(
      expect.objectContaining({ organizationId: w.org, name: 'Caritas Monza', capacity: 'waitlist' }),
    );
  });
});
