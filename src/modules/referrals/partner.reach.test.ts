import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/factories.ts';
import { referralWorld } from '../../../test/support/referrals.ts';

// A partner user reaches the partner area and its own password change, nothing of the operators' side:
// every operator page and API list answers it with a refusal (or sends it to the partner area).
let w: Awaited<ReturnType<typeof referralWorld>>;
let partner: Browser;
beforeAll(async () => {
  w = await referralWorld();
  partner = new Browser(w.app);
  await partner.login(w.partner.username, TEST_PASSWORD);
});

const PAGES = [
  '/operatori',
  '/operatori/persone',
  '/operatori/persone/nuova',
  '/operatori/audit',
  '/operatori/accessi',
  '/operatori/accessi/nuovo',
  '/operatori/amministrazione/tassonomia',
  '/operatori/amministrazione/questionari',
  '/operatori/amministrazione/invii',
  '/operatori/agenda',
  '/operatori/agenda/settimana',
  '/operatori/agenda/lista-attesa',
  '/operatori/aiuti',
  '/operatori/aiuti/nuova',
  '/operatori/riservati',
  '/operatori/indicatori',
  '/operatori/invii',
  '/operatori/casi',
  '/operatori/valutazioni',
];
const API = [
  '/api/v1/offices',
  '/api/v1/audit-events',
  '/api/v1/accesses',
  '/api/v1/appointments',
  '/api/v1/assistance-requests',
  '/api/v1/people',
  '/api/v1/need-areas',
  '/api/v1/indicators/access',
  '/api/v1/referrals/destinations',
  '/api/v1/referrals/scorecards',
  '/api/v1/cases',
  '/api/v1/cases/overdue-reviews',
  '/api/v1/benefit-applications',
  '/api/v1/benefit-payments/due.csv',
  '/api/v1/funds',
  // Not listed: GET /api/v1/questionnaires (questionnaire definitions, reference data) checks only that the
  // caller is an operator; the access module owns it.
];

describe('what a partner user reaches', () => {
  it('its area and its password change', async () => {
    expect((await partner.get('/partner')).statusCode).toBe(200);
    expect((await partner.get('/operatori/password')).statusCode).toBe(200);
  });

  it('a referral page of the operators sends the partner to the partner area', async () => {
    const res = await partner.get('/operatori/invii/0190f2b4-0000-7000-8000-000000000000');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/partner/invii/0190f2b4-0000-7000-8000-000000000000');
  });

  it.each(PAGES)('page %s: refused or sent to the partner area', async (url) => {
    const res = await partner.get(url);
    if (res.statusCode === 303 || res.statusCode === 302) expect(res.headers.location).toBe('/partner');
    else expect([403, 404]).toContain(res.statusCode);
  });

  it.each(API)('API %s: refused', async (url) => {
    const res = await w.api('GET', url, w.partner.token);
    expect([400, 403, 404]).toContain(res.statusCode);
  });
});
