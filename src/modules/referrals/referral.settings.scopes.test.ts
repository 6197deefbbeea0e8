import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/factories.ts';
import { referralWorld } from '../../../test/support/referrals.ts';
import { ROLES, type Role } from '../../platform/context.ts';
import { referralsPermissions } from './referrals.policy.ts';

// Permission test for `referral.settings`: every role, through the admin page; only admins change the
// deadlines and partner accounts, and only within their own tenant.
let w: Awaited<ReturnType<typeof referralWorld>>;
beforeAll(async () => {
  w = await referralWorld();
});
const allowed = (role: Role) => referralsPermissions['referral.settings'].includes(role);
const URL = '/operatori/amministrazione/invii';
const deadlines = (responseDays: string) =>
  Object.fromEntries(
    ['internal_area', 'public_body', 'partner'].flatMap((t) => [
      [`responseDays_${t}`, responseDays],
      [`remindDaysBefore_${t}`, '2'],
      [`followUpDays_${t}`, '14'],
    ]),
  );
const signedIn = async (op: { username: string }) => {
  const b = new Browser(w.app);
  await b.login(op.username, TEST_PASSWORD);
  return b;
};

describe('referral.settings', () => {
  it('is granted to admins only', () => {
    expect(ROLES.filter(allowed)).toEqual(['admin']);
  });

  it.each(ROLES)('%s: allowed saves the deadlines (audited); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const b = await signedIn(op);
    const page = await b.get(URL);
    const res = await b.submit(URL, `${URL}/scadenze`, deadlines('12'));
    const events = await w.events(op.userId, 'referral.settings');
    if (allowed(role)) {
      expect(page.statusCode).toBe(200);
      expect(res.statusCode).toBe(200);
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: w.tenant.id });
      const rows = await w.db.selectFrom('referral_deadline_setting').select('response_days').execute();
      expect(rows.map((r) => r.response_days)).toEqual([12, 12, 12]);
    } else {
      expect(page.statusCode).toBe(403);
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
    }
  });

  it('another tenant’s operator is refused; a user who is not a partner of the tenant cannot be linked (422)', async () => {
    const outsiderAdmin = w.outsider; // a coordinator of the other tenant: refused outright
    const b = await signedIn(outsiderAdmin);
    const res = await b.submit(URL, `${URL}/collega`, { userId: w.partner.userId, organizationId: w.org });
    expect(res.statusCode).toBe(403);
    const admin = await signedIn(w.operators.admin);
    // This tenant's admin cannot link a user who is not a partner of the tenant (an outsider's user).
    const wrong = await admin.submit(URL, `${URL}/collega`, { userId: w.outsider.userId, organizationId: w.org });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.body).toContain('href="#f-link-userId"');
  });
});
