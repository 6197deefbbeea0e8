import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { TEST_PASSWORD } from '../../../test/support/factories.ts';
import { aReferral, type ReferralWorld, referralWorld } from '../../../test/support/referrals.ts';

// The partner scorecards page: coordinators read the table (audited as the API); others are refused (403, audited).
let w: ReferralWorld;
const PATH = '/operatori/invii/schede-partner';
const as = async (role: 'coordinator' | 'social_worker') => {
  const b = new Browser(w.app);
  await b.login(w.operators[role].username, TEST_PASSWORD);
  return b;
};

beforeAll(async () => {
  w = await referralWorld();
  await aReferral(w);
  await aReferral(w);
});

describe('partner scorecards page', () => {
  it('shows a coordinator one row per partner organization, in an accessible table, audited', async () => {
    const coord = await as('coordinator');
    const list = await coord.get('/operatori/invii');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${PATH}"`);
    const page = await coord.get(PATH);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Schede dei partner</h1>');
    expect(page.body).toContain('<caption>Invii ai partner negli ultimi 365 giorni, per organizzazione</caption>');
    expect(page.body).toContain('<th scope="col">Tempo di risposta mediano (ore)</th>');
    // Caritas: two sent, none answered yet, so no median and no rates; none expired.
    const row = /<tr><th scope="row">Caritas Monza<\/th>(.*?)<\/tr>/.exec(page.body)?.[1] ?? '';
    expect(row).toBe('<td>2</td><td>0</td><td>n.d.</td><td>n.d.</td><td>n.d.</td><td>0</td>');
    expect(page.body).not.toContain('Banco alimentare');
    expect(page.body).not.toContain('<script');
    const events = await w.events(w.operators.coordinator.userId, 'referral.scorecard');
    expect(events.at(-1)).toMatchObject({ outcome: 'ok', details: { days: 365, organizations: 1 } });
  });

  it('speaks English to a coordinator who chose it', async () => {
    const coord = await as('coordinator');
    await coord.get('/lingua/en?torna=/');
    const page = await coord.get(PATH);
    expect(page.body).toContain('<h1>Partner scorecards</h1>');
    expect(page.body).toContain('<th scope="col">Median response time (hours)</th>');
    expect(/<tr><th scope="row">Caritas Monza<\/th>(.*?)<\/tr>/.exec(page.body)?.[1]).toContain('<td>n/a</td>');
  });

  it('refuses a social worker (403, audited as denied) and does not link it on the list', async () => {
    const sw = await as('social_worker');
    expect((await sw.get('/operatori/invii')).body).not.toContain(PATH);
    const page = await sw.get(PATH);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain('Caritas Monza');
    const events = await w.events(w.operators.social_worker.userId, 'referral.scorecard');
    expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
