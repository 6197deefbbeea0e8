import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, operatorCtx, type TestOperator } from '../../../test/support/factories.ts';
import type { Clock, Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { createPerson } from './people.service.ts';
import {
  consentState,
  getPrivacyOverview,
  giveConsent,
  hasActiveConsent,
  listConsents,
  listPrivacyNotices,
  recordPrivacyNotice,
  revokeConsent,
} from './privacy.service.ts';

let db: Db;
let worker: TestOperator;
let foreigner: TestOperator;
// 23:30 in Rome on 31 May 2026 is already 1 June in Rome but still 31 May in UTC: "today" is Rome's.
let now = new Date('2026-05-31T22:30:00Z');
const clock: Clock = { now: () => now };

const ctxFor = (op: TestOperator): Ctx => operatorCtx(db, op, clock);

async function person(op: TestOperator, familyNames: string, confidential = false): Promise<string> {
  const r = await createPerson(ctxFor(op), { givenNames: 'Test', familyNames, confidential });
  if (r.kind !== 'saved') throw new Error(`person not saved: ${r.kind}`);
  return r.person.id;
}

const events = (personId: string) =>
  db
    .selectFrom('audit_event')
    .select(['action', 'outcome', 'details', 'actor_user_id'])
    .where('record_id', '=', personId)
    .orderBy('seq')
    .execute();

const refusal = (p: Promise<unknown>) => p.then(() => undefined).catch((e: unknown) => e);

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  worker = await buildOperator(db, tenant, 'social_worker');
  foreigner = await buildOperator(db, await buildTenant(db), 'social_worker');
});

describe('privacy notice', () => {
  it('records that the notice was received and read, with version, channel, date and who; audited', async () => {
    const id = await person(worker, 'Informata');
    const saved = await recordPrivacyNotice(ctxFor(worker), id, { noticeVersion: '2026-01', channel: 'in_person' });
    expect(saved).toMatchObject({
      kind: 'saved',
      notice: {
        acknowledgedOn: '2026-06-01',
        noticeVersion: '2026-01',
        channel: 'in_person',
        recordedBy: { id: worker.userId },
      },
    });
    await recordPrivacyNotice(ctxFor(worker), id, {
      noticeVersion: '2026-02',
      channel: 'email',
      acknowledgedOn: '15/03/2026',
    });
    const history = await listPrivacyNotices(ctxFor(worker), id);
    expect(history.map((n) => [n.acknowledgedOn, n.noticeVersion, n.channel])).toEqual([
      ['2026-06-01', '2026-01', 'in_person'],
      ['2026-03-15', '2026-02', 'email'],
    ]);
    const log = await events(id);
    expect(log.filter((e) => e.action === 'privacy.notice.record').map((e) => e.details)).toEqual([
      {
        acknowledgement: saved.kind === 'saved' ? saved.notice.id : '',
        noticeVersion: '2026-01',
        channel: 'in_person',
      },
      expect.objectContaining({ noticeVersion: '2026-02', channel: 'email' }),
    ]);
    expect(log.at(-1)).toMatchObject({ action: 'privacy.read', outcome: 'ok', details: { part: 'notices' } });
  });

  it('names every bad field and writes nothing', async () => {
    const id = await person(worker, 'Sbagliata');
    const r = await recordPrivacyNotice(ctxFor(worker), id, {
      noticeVersion: 'v 1 !',
      channel: 'pigeon',
      acknowledgedOn: '2026-06-02',
    });
    expect(r.kind === 'invalid' && r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'acknowledgedOn:dateFuture',
      'noticeVersion:versionInvalid',
      'channel:channelInvalid',
    ]);
    const empty = await recordPrivacyNotice(ctxFor(worker), id, { acknowledgedOn: '31/02/2026' });
    expect(empty.kind === 'invalid' && empty.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'acknowledgedOn:dateInvalid',
      'noticeVersion:required',
      'channel:required',
    ]);
    expect(await listPrivacyNotices(ctxFor(worker), id)).toEqual([]);
    expect((await events(id)).map((e) => e.action)).not.toContain('privacy.notice.record');
  });
});

describe('consents', () => {
  it('is active from the day given until the expiry day included, in Rome', () => {
    const c = { given_on: '2026-05-01', expires_on: '2026-05-31', revoked_on: null };
    expect(consentState(c, '2026-04-30')).toBe('not_yet_valid');
    expect(consentState(c, '2026-05-01')).toBe('active');
    expect(consentState(c, '2026-05-31')).toBe('active');
    expect(consentState(c, '2026-06-01')).toBe('expired');
    expect(consentState({ ...c, revoked_on: '2026-05-10' }, '2026-05-10')).toBe('revoked');
  });

  it('records a consent with scope and expiry, audits it without the scope text, and lists its state', async () => {
    const id = await person(worker, 'Consenziente');
    const r = await giveConsent(ctxFor(worker), id, {
      purpose: 'share_with_partner',
      scope: 'Caritas Ambrosiana',
      givenOn: '2026-05-01',
      expiresOn: '2026-12-31',
    });
    expect(r).toMatchObject({
      kind: 'saved',
      consent: { purpose: 'share_with_partner', scope: 'Caritas Ambrosiana', state: 'active', revokedOn: null },
    });
    const given = (await events(id)).find((e) => e.action === 'consent.give');
    expect(given?.details).toEqual({
      consent: r.kind === 'saved' ? r.consent.id : '',
      purpose: 'share_with_partner',
      expiresOn: '2026-12-31',
    });
    expect(JSON.stringify(await events(id))).not.toContain('Caritas');
    expect((await listConsents(ctxFor(worker), id)).map((c) => c.state)).toEqual(['active']);
  });

  it('refuses a consent without the partner named, with an expiry before it was given, or in the future', async () => {
    const id = await person(worker, 'Incompleta');
    const r = await giveConsent(ctxFor(worker), id, {
      purpose: 'share_with_partner',
      scope: '  ',
      givenOn: '2026-06-02',
      expiresOn: '2026-01-01',
    });
    expect(r.kind === 'invalid' && r.errors.map((e) => `${e.field}:${e.code}`)).toEqual([
      'scope:required',
      'givenOn:dateFuture',
      'expiresOn:expiryBeforeGiven',
    ]);
    const follow = await giveConsent(ctxFor(worker), id, { purpose: 'follow_up_contact' });
    expect(follow).toMatchObject({ kind: 'saved', consent: { scope: '', givenOn: '2026-06-01' } });
  });

  it('expires on its own and is revoked, never deleted: hasActiveConsent follows the clock', async () => {
    const id = await person(worker, 'Scadenza');
    const ctx = ctxFor(worker);
    await giveConsent(ctx, id, { purpose: 'share_with_partner', scope: 'Banco Alimentare', expiresOn: '2026-06-30' });
    const partner = await giveConsent(ctx, id, { purpose: 'share_with_partner', scope: "Cooperativa L'Aquilone" });
    expect(await hasActiveConsent(ctx, id, 'share_with_partner')).toBe(true);
    expect(await hasActiveConsent(ctx, id, 'share_with_partner', 'banco alimentare')).toBe(true);
    expect(await hasActiveConsent(ctx, id, 'share_with_partner', 'cooperativa laquilone')).toBe(true);
    expect(await hasActiveConsent(ctx, id, 'share_with_partner', 'Caritas')).toBe(false);
    expect(await hasActiveConsent(ctx, id, 'research_contact')).toBe(false);

    now = new Date('2026-06-30T21:59:00Z'); // 23:59 on 30 June in Rome: the last day still counts
    expect(await hasActiveConsent(ctx, id, 'share_with_partner', 'Banco Alimentare')).toBe(true);
    now = new Date('2026-06-30T22:00:00Z'); // midnight in Rome: 1 July
    expect(await hasActiveConsent(ctx, id, 'share_with_partner', 'Banco Alimentare')).toBe(false);

    if (partner.kind !== 'saved') throw new Error('consent not saved');
    const early = await revokeConsent(ctx, id, partner.consent.id, '2026-05-31');
    expect(early.kind === 'invalid' && early.errors).toEqual([{ field: 'revokedOn', code: 'revokedBeforeGiven' }]);
    const revoked = await revokeConsent(ctx, id, partner.consent.id);
    expect(revoked).toMatchObject({ kind: 'revoked', consent: { revokedOn: '2026-07-01', state: 'revoked' } });
    expect(await revokeConsent(ctx, id, partner.consent.id)).toMatchObject({ kind: 'already-revoked' });
    expect(await hasActiveConsent(ctx, id, 'share_with_partner')).toBe(false);

    const all = await listConsents(ctx, id);
    expect(all.map((c) => c.state).sort()).toEqual(['expired', 'revoked']);
    const log = (await events(id)).filter((e) => e.action.startsWith('consent.'));
    expect(log.filter((e) => e.action === 'consent.revoke')).toHaveLength(1);
    expect(log.filter((e) => e.action === 'consent.check').at(-1)?.details).toEqual({
      purpose: 'share_with_partner',
      scoped: false,
      active: false,
    });
    now = new Date('2026-05-31T22:30:00Z');
  });

  it('answers 404 for an unknown consent of the person', async () => {
    const id = await person(worker, 'Senzaconsenso');
    const e = await refusal(revokeConsent(ctxFor(worker), id, '0190f0f0-0000-7000-8000-000000000000'));
    expect(e).toMatchObject({ status: 404 });
  });
});

describe('tenancy', () => {
  it("treats another tenant's person as unknown: 404, audited as denied, nothing written", async () => {
    const id = await person(worker, 'Altrove');
    const ctx = ctxFor(foreigner);
    for (const attempt of [
      () => listPrivacyNotices(ctx, id),
      () => recordPrivacyNotice(ctx, id, { noticeVersion: '2026-01', channel: 'phone' }),
      () => giveConsent(ctx, id, { purpose: 'research_contact' }),
      () => hasActiveConsent(ctx, id, 'research_contact'),
      () => getPrivacyOverview(ctx, id),
    ]) {
      const e = await refusal(attempt());
      expect(e).toBeInstanceOf(DomainError);
      expect(e).toMatchObject({ status: 404 });
    }
    const denied = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'tenant_id', 'details'])
      .where('actor_user_id', '=', foreigner.userId)
      .orderBy('seq')
      .execute();
    expect(denied.map((d) => `${d.action}:${d.outcome}`)).toEqual([
      'privacy.read:denied',
      'privacy.notice.record:denied',
      'consent.give:denied',
      'consent.check:denied',
      'privacy.read:denied',
    ]);
    expect(denied.every((d) => d.tenant_id === foreigner.tenant.id)).toBe(true);
    expect(await listConsents(ctxFor(worker), id)).toEqual([]);
  });

  it('refuses roles that do not work with files, and audits the refusal', async () => {
    const id = await person(worker, 'Ricercata');
    const researcher = await buildOperator(db, worker.tenant, 'researcher');
    const e = await refusal(recordPrivacyNotice(ctxFor(researcher), id, { noticeVersion: '2026-01', channel: 'post' }));
    expect(e).toMatchObject({ status: 403 });
    expect(await events(id)).toContainEqual(
      expect.objectContaining({ action: 'privacy.notice.record', outcome: 'denied', details: { reason: 'role' } }),
    );
  });
});
