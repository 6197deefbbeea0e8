import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { aCase, type SecondLevelWorld, secondLevelWorld } from '../../../test/support/referrals.ts';

// The caseload page: coordinators filter by area and by worker and see open cases counted per worker and
// per area; a social worker sees only their own caseload and is refused another worker's (403, audited).
let w: SecondLevelWorld;
let adults: { id: string; code: string };
let elderly: { id: string; code: string };

const signedIn = async (op: { username: string; password: string }) => {
  const b = new Browser(w.app);
  await b.login(op.username, op.password);
  return b;
};

/** An elderly-area case accepted with the second social worker responsible. */
async function anElderlyCaseOfTheOtherWorker() {
  const res = await w.api('POST', '/api/v1/cases', w.otherWorker.token, {
    personId: w.person,
    area: 'elderly',
    reasons: 'Solitudine e fragilità',
    urgency: 'ordinary',
  });
  if (res.statusCode !== 201) throw new Error(`case not proposed: ${res.statusCode} ${res.body}`);
  const p = res.json<{ id: string; version: number }>();
  const dec = await w.api('POST', `/api/v1/cases/${p.id}/decision`, w.operators.coordinator.token, {
    decision: 'accept',
    version: p.version,
    responsibleWorkerId: w.otherWorker.userId,
  });
  if (dec.statusCode !== 200) throw new Error(`case not accepted: ${dec.statusCode} ${dec.body}`);
  return dec.json<{ id: string; code: string }>();
}

beforeAll(async () => {
  w = await secondLevelWorld();
  const a = await aCase(w);
  const read = await w.api('GET', `/api/v1/cases/${a.id}`, w.operators.coordinator.token);
  adults = read.json<{ id: string; code: string }>();
  elderly = await anElderlyCaseOfTheOtherWorker();
});

const row = (body: string, label: string) =>
  new RegExp(`<tr><th scope="row">${label}</th>(.*?)</tr>`).exec(body)?.[1] ?? '';

describe('caseload per worker and per area', () => {
  it('a coordinator sees both caseloads, the filter form and open cases counted per worker and area', async () => {
    const coord = await signedIn(w.operators.coordinator);
    const page = await coord.get('/operatori/casi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(adults.code);
    expect(page.body).toContain(elderly.code);
    expect(page.body).toContain('<form method="get" action="/operatori/casi"');
    expect(page.body).toContain('<label class="form-label" for="f-area">Area</label>');
    expect(page.body).toContain('<option value="elderly">Anziani</option>');
    expect(page.body).toContain(`<option value="${w.otherWorker.userId}">Operatore ${w.otherWorker.username}</option>`);
    expect(page.body).toContain(
      '<caption>Casi aperti per assistente sociale e per area (tra quelli elencati)</caption>',
    );
    // Columns: minors and families, adults, elderly, disability, total.
    expect(row(page.body, `Operatore ${w.operators.social_worker.username}`)).toBe(
      '<td>0</td><td>1</td><td>0</td><td>0</td><td>1</td>',
    );
    expect(row(page.body, `Operatore ${w.otherWorker.username}`)).toBe(
      '<td>0</td><td>0</td><td>1</td><td>0</td><td>1</td>',
    );
    expect(row(page.body, 'Totale')).toBe('<td>0</td><td>1</td><td>1</td><td>0</td><td>2</td>');
  });

  it('a coordinator filters by area, then by worker; the choice stays selected and is audited', async () => {
    const coord = await signedIn(w.operators.coordinator);
    const byArea = await coord.get('/operatori/casi?vista=active&area=elderly&operatore=');
    expect(byArea.statusCode).toBe(200);
    expect(byArea.body).toContain(elderly.code);
    expect(byArea.body).not.toContain(adults.code);
    expect(byArea.body).toContain('<option value="elderly" selected>Anziani</option>');
    // The tabs keep the filter.
    expect(byArea.body).toContain('href="/operatori/casi?vista=all&amp;area=elderly"');
    const byWorker = await coord.get(
      `/operatori/casi?vista=active&area=&operatore=${w.operators.social_worker.userId}`,
    );
    expect(byWorker.statusCode).toBe(200);
    expect(byWorker.body).toContain(adults.code);
    expect(byWorker.body).not.toContain(elderly.code);
    const events = (await w.events(w.operators.coordinator.userId, 'case.list')).filter(
      (e) => (e.details as { view?: string }).view === 'active',
    );
    expect(events.at(-2)?.details).toMatchObject({ area: 'elderly', workerId: null, ids: [elderly.id] });
    expect(events.at(-1)?.details).toMatchObject({
      area: null,
      workerId: w.operators.social_worker.userId,
      ids: [adults.id],
    });
    expect((await coord.get('/operatori/casi?area=nowhere')).statusCode).toBe(400);
  });

  it('speaks English to a coordinator who chose it', async () => {
    const coord = await signedIn(w.operators.coordinator);
    await coord.get('/lingua/en?torna=/');
    const page = await coord.get('/operatori/casi?area=elderly');
    expect(page.body).toContain('<option value="elderly" selected>Elderly</option>');
    expect(page.body).toContain('<option value>All social workers</option>');
    expect(page.body).toContain('<caption>Open cases per social worker and per area (among those listed)</caption>');
  });

  it('a social worker sees only their own caseload, with no worker choice and no summary', async () => {
    const sw = await signedIn(w.operators.social_worker);
    const page = await sw.get('/operatori/casi');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(adults.code);
    expect(page.body).not.toContain(elderly.code);
    expect(page.body).toContain('id="f-area"');
    expect(page.body).not.toContain('name="operatore"');
    expect(page.body).not.toContain('id="caseload-summary"');
    expect((await sw.get('/operatori/casi?area=elderly')).body).not.toContain(elderly.code);
  });

  it('refuses a social worker asking for another worker’s caseload (403, audited as denied)', async () => {
    const sw = await signedIn(w.operators.social_worker);
    const page = await sw.get(`/operatori/casi?operatore=${w.otherWorker.userId}`);
    expect(page.statusCode).toBe(403);
    expect(page.body).not.toContain(elderly.code);
    const events = await w.events(w.operators.social_worker.userId, 'case.list');
    expect(events.at(-1)).toMatchObject({ outcome: 'denied' });
  });
});
