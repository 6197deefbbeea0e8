import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { anAccessOutcome } from '../../../test/support/cases.ts';
import { TEST_PASSWORD } from '../../../test/support/factories.ts';
import { aCase, aReferral, type ReferralWorld, referralWorld } from '../../../test/support/referrals.ts';

// The referral pages an operator uses from the person's file: the file section with the closed loop,
// the form for internal areas and public bodies (also from an access outcome), the sender's moves.
let w: ReferralWorld;
let sw: Browser;
const fileUrl = () => `/operatori/persone/${w.person}`;
const idOf = (location: string | undefined) => location?.split('/').pop() ?? '';

beforeAll(async () => {
  w = await referralWorld();
  sw = new Browser(w.app);
  await sw.login(w.operators.social_worker.username, TEST_PASSWORD);
});

const referralCount = async () =>
  Number(
    (
      await w.db
        .selectFrom('referral')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the person file lists the referrals', () => {
  it('shows each referral with destination, status and outcome to the worker, audited', async () => {
    const r = await aReferral(w);
    const page = await sw.get(fileUrl());
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('id="invii"');
    expect(page.body).toContain(r.code);
    expect(page.body).toContain('Caritas Monza');
    const listed = await w.events(w.operators.social_worker.userId, 'referral.list');
    expect(listed.at(-1)?.details).toMatchObject({ view: 'person', personId: w.person, ids: [r.id] });
  });

  it('is not shown to the front desk, and nothing is refused in the audit trail', async () => {
    const desk = new Browser(w.app);
    await desk.login(w.operators.front_office.username, TEST_PASSWORD);
    const page = await desk.get(fileUrl());
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('id="invii"');
    expect(await w.events(w.operators.front_office.userId, 'referral.list')).toEqual([]);
  });

  it('offers to start a referral from the person’s referral outcome, and links it', async () => {
    const o = await anAccessOutcome(w.db, {
      tenantId: w.tenant.id,
      officeId: w.office.id,
      personId: w.person,
      userId: w.operators.front_office.userId,
      kind: 'referral',
    });
    const file = await sw.get(fileUrl());
    const href = `${fileUrl()}/invii/nuovo?esito=${o.outcomeId}`;
    expect(file.body).toContain(`href="${href.replace(/&/g, '&amp;')}"`);
    const form = await sw.get(href);
    expect(form.body).toContain(`name="sourceOutcomeId" value="${o.outcomeId}"`);
    const res = await sw.submit(href, `${fileUrl()}/invii`, {
      destinationType: 'internal_area',
      internalArea: 'adults',
      reason: 'Sfratto in corso',
      urgency: 'within_days',
      legalBasis: 'public_task',
      sharedFields: 'reason',
      sourceOutcomeId: o.outcomeId,
    });
    expect(res.statusCode).toBe(303);
    const id = idOf(res.headers.location as string);
    const row = await w.db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ destination_type: 'internal_area', internal_area: 'adults', status: 'sent' });
    expect(row.source_outcome_id).toBe(o.outcomeId);
    // Used: no longer offered.
    expect((await sw.get(fileUrl())).body).not.toContain(`esito=${o.outcomeId}`);
  });

  it('refuses another person’s outcome with 422 and writes nothing', async () => {
    const other = await w.api('POST', '/api/v1/people', w.operators.social_worker.token, {
      givenNames: 'Marco',
      familyNames: 'Colombo',
    });
    const o = await anAccessOutcome(w.db, {
      tenantId: w.tenant.id,
      officeId: w.office.id,
      personId: other.json<{ id: string }>().id,
      userId: w.operators.front_office.userId,
      kind: 'referral',
    });
    const before = await referralCount();
    const res = await sw.submit(`${fileUrl()}/invii/nuovo`, `${fileUrl()}/invii`, {
      destinationType: 'public_body',
      publicBody: 'inps',
      reason: 'Assegno di inclusione',
      legalBasis: 'public_task',
      sourceOutcomeId: o.outcomeId,
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="error-summary"');
    expect(res.body).toContain('non riguarda questa persona');
    expect(await referralCount()).toBe(before);
  });

  it('starts from the person’s case (linked), never from another person’s (422)', async () => {
    const c = await aCase(w);
    const res = await sw.submit(`${fileUrl()}/invii/nuovo?caso=${c.id}`, `${fileUrl()}/invii`, {
      destinationType: 'public_body',
      publicBody: 'job_centre',
      reason: 'Orientamento al lavoro',
      legalBasis: 'public_task',
      sourceCaseId: c.id,
    });
    expect(res.statusCode).toBe(303);
    const row = await w.db
      .selectFrom('referral')
      .select(['source_case_id', 'public_body'])
      .where('id', '=', idOf(res.headers.location as string))
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source_case_id: c.id, public_body: 'job_centre' });

    const other = await w.api('POST', '/api/v1/people', w.operators.social_worker.token, {
      givenNames: 'Sara',
      familyNames: 'Galli',
    });
    const theirs = await w.api('POST', '/api/v1/cases', w.operators.social_worker.token, {
      personId: other.json<{ id: string }>().id,
      area: 'adults',
      reasons: 'Prova',
    });
    const before = await referralCount();
    const bad = await sw.submit(`${fileUrl()}/invii/nuovo`, `${fileUrl()}/invii`, {
      destinationType: 'public_body',
      publicBody: 'inps',
      reason: 'Prova',
      legalBasis: 'public_task',
      sourceCaseId: theirs.json<{ id: string }>().id,
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#f-sourceCaseId"');
    expect(await referralCount()).toBe(before);
  });

  it('a public body without the body chosen is 422 tied to the field, nothing written', async () => {
    const before = await referralCount();
    const res = await sw.submit(`${fileUrl()}/invii/nuovo`, `${fileUrl()}/invii`, {
      destinationType: 'public_body',
      reason: 'Invalidità civile',
      legalBasis: 'public_task',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#f-publicBody"');
    expect(res.body).toMatch(/id="f-publicBody"[^>]*aria-describedby="e-publicBody"/);
    expect(await referralCount()).toBe(before);
  });
});

describe('the sender’s moves on the referral page', () => {
  let id = '';
  beforeAll(async () => {
    const res = await sw.submit(`${fileUrl()}/invii/nuovo`, `${fileUrl()}/invii`, {
      destinationType: 'public_body',
      publicBody: 'asst_pua',
      reason: 'Valutazione multidimensionale',
      legalBasis: 'public_task',
      sharedFields: 'reason',
    });
    id = idOf(res.headers.location as string);
  });
  const version = async () =>
    (await w.db.selectFrom('referral').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version;

  it('records the public body’s acceptance and completion with an outcome', async () => {
    const url = `/operatori/invii/${id}`;
    const accept = await sw.submit(url, `${url}/risposta`, { to: 'accepted', version: String(await version()) });
    expect(accept.statusCode).toBe(303);
    const done = await sw.submit(url, `${url}/risposta`, {
      to: 'completed',
      outcome: 'got_help',
      version: String(await version()),
    });
    expect(done.statusCode).toBe(303);
    const page = await sw.get(url);
    expect(page.body).toContain('Ha ricevuto aiuto');
    const answered = await w.events(w.operators.social_worker.userId, 'referral.respond');
    expect(answered.map((e) => (e.details as { to: string }).to)).toEqual(['accepted', 'completed']);
  });

  it('cancelling needs a reason (422), a stale version is 409, then it cancels', async () => {
    const res = await sw.submit(`${fileUrl()}/invii/nuovo`, `${fileUrl()}/invii`, {
      destinationType: 'internal_area',
      internalArea: 'elderly',
      reason: 'Assistenza domiciliare',
      legalBasis: 'public_task',
    });
    const rid = idOf(res.headers.location as string);
    const url = `/operatori/invii/${rid}`;
    const v = (await w.db.selectFrom('referral').select('version').where('id', '=', rid).executeTakeFirstOrThrow())
      .version;
    const empty = await sw.submit(url, `${url}/annulla`, { version: String(v), reason: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('href="#f-reason"');
    const stale = await sw.submit(url, `${url}/annulla`, { version: String(v - 1), reason: 'Doppio' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('id="conflict"');
    const ok = await sw.submit(url, `${url}/annulla`, { version: String(v), reason: 'Inviato due volte' });
    expect(ok.statusCode).toBe(303);
    expect((await sw.get(url)).body).toContain('Annullato');
  });

  it('never lets the operator answer for a partner', async () => {
    const r = await aReferral(w);
    const url = `/operatori/invii/${r.id}`;
    const page = await sw.get(url);
    expect(page.body).not.toContain(`${url}/risposta`);
    const res = await sw.submit(url, `${url}/risposta`, { to: 'accepted', version: String(r.version) });
    expect(res.statusCode).toBe(403);
  });

  it('withdrawing the consent from the referral page cuts the partner’s fields', async () => {
    const r = await aReferral(w);
    const url = `/operatori/invii/${r.id}`;
    const page = await sw.get(url);
    const action = `/operatori/persone/${w.person}/consensi/${w.consentId}/revoca`;
    expect(page.body).toContain(`action="${action}"`);
    const res = await sw.submit(url, action, {});
    expect(res.statusCode).toBe(303);
    const partner = await w.api('GET', `/api/v1/referrals/${r.id}`, w.partner.token);
    expect(partner.json<{ shared: object }>().shared).toEqual({});
  });
});
