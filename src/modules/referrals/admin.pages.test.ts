import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/factories.ts';
import { referralWorld } from '../../../test/support/referrals.ts';

// The admin page: creating a partner account for an organization, linking one, deadlines per destination.
let w: Awaited<ReturnType<typeof referralWorld>>;
let admin: Browser;
const URL = '/operatori/amministrazione/invii';
const users = async () =>
  Number(
    (
      await w.db
        .selectFrom('app_user')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  w = await referralWorld();
  admin = new Browser(w.app);
  await admin.login(w.operators.admin.username, TEST_PASSWORD);
});

describe('partner accounts', () => {
  it('is linked from the admin’s home page', async () => {
    expect((await admin.get('/operatori')).body).toContain(`href="${URL}"`);
  });

  it('lists partner accounts with their organization', async () => {
    const page = await admin.get(URL);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(w.partner.username);
    expect(page.body).toContain('Caritas Monza');
  });

  it('refuses a weak password or a missing organization (422, no account created, password not echoed)', async () => {
    const before = await users();
    const res = await admin.submit(URL, `${URL}/partner`, {
      displayName: 'Paola Riva',
      username: 'paola.riva',
      password: 'corta',
      organizationId: '',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#f-create-organizationId"');
    expect(res.body).not.toContain('corta');
    const weak = await admin.submit(URL, `${URL}/partner`, {
      displayName: 'Paola Riva',
      username: 'paola.riva',
      password: 'corta',
      organizationId: w.otherOrg,
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.body).toContain('href="#f-create-password"');
    expect(await users()).toBe(before);
  });

  it('creates a partner account linked to the organization; the partner signs in to the partner area', async () => {
    const res = await admin.submit(URL, `${URL}/partner`, {
      displayName: 'Paola Riva',
      username: 'paola.riva',
      password: 'una password lunga 2026',
      organizationId: w.otherOrg,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Utente partner creato e collegato.');
    const user = await w.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'paola.riva')
      .executeTakeFirstOrThrow();
    const link = await w.db
      .selectFrom('partner_user')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(link.organization_id).toBe(w.otherOrg);
    const events = await w.events(w.operators.admin.userId, 'referral.settings');
    expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: user.id });
    const partner = new Browser(w.app);
    const login = await partner.login('paola.riva', 'una password lunga 2026');
    expect(login.statusCode).toBe(303);
    const home = await partner.get('/partner');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Area partner');
  });

  it('moves an existing partner account to another organization', async () => {
    const res = await admin.submit(URL, `${URL}/collega`, { userId: w.otherPartner.userId, organizationId: w.org });
    expect(res.statusCode).toBe(200);
    const link = await w.db
      .selectFrom('partner_user')
      .select('organization_id')
      .where('user_id', '=', w.otherPartner.userId)
      .executeTakeFirstOrThrow();
    expect(link.organization_id).toBe(w.org);
  });
});

describe('deadlines', () => {
  it('a reminder not before the deadline is 422 tied to its field; nothing saved', async () => {
    const form = Object.fromEntries(
      ['internal_area', 'public_body', 'partner'].flatMap((t) => [
        [`responseDays_${t}`, '5'],
        [`remindDaysBefore_${t}`, t === 'partner' ? '5' : '2'],
        [`followUpDays_${t}`, '14'],
      ]),
    );
    const res = await admin.submit(URL, `${URL}/scadenze`, form);
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#f-deadlines-remindDaysBefore_partner"');
    expect(res.body).toMatch(
      /id="f-deadlines-remindDaysBefore_partner"[^>]*aria-describedby="f-deadlines-remindDaysBefore_partner-error"/,
    );
    expect(await w.db.selectFrom('referral_deadline_setting').selectAll().execute()).toEqual([]);
  });
});
