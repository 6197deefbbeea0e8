import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let researcher: TestOperator;
let personId: string;
const NEW = '/operatori/accessi/nuovo';

beforeAll(async () => {
  world = await accessWorld();
  worker = await buildOperator(world.db, world.tenant, 'social_worker', { offices: [world.office] });
  researcher = await buildOperator(world.db, world.tenant, 'researcher');
  personId = await world.person('Bianchipagine');
  app = await buildTestApp(world.db);
});

async function signedIn(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return b;
}

const base = (over: Record<string, string> = {}) => ({
  officeId: world.office.id,
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  q: '',
  who: '',
  needAreaId: world.area.housing ?? '',
  reason: 'Sfratto esecutivo',
  urgency: 'ordinary',
  urgencyReason: '',
  action: 'save',
  ...over,
});

const idFrom = (location: unknown) => /\/operatori\/accessi\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
/** The CSRF token of a page (every form of a page shares it). */
const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('quick capture page', () => {
  it('shows the form with the first office preselected, walk-in by default and labels tied to inputs', async () => {
    const b = await signedIn(world.desk);
    const res = await b.get(NEW);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(new RegExp(`<option value="${world.office.id}" selected`));
    expect(res.body).toMatch(/<option value="walk_in" selected/);
    expect(res.body).toMatch(/id="urgency-ordinary"[^>]*checked/);
    for (const id of ['officeId', 'channel', 'q', 'needAreaId', 'reason', 'urgencyReason', 'who-anonymous'])
      expect(res.body).toContain(`for="${id}"`);
    expect(res.body).toContain('Casa');
  });

  it('is linked from the operator home only for roles that register accesses', async () => {
    expect((await (await signedIn(world.desk)).get('/operatori')).body).toContain('href="/operatori/accessi"');
    expect((await (await signedIn(researcher)).get('/operatori')).body).not.toContain('href="/operatori/accessi"');
  });

  it('refuses roles that may not register accesses', async () => {
    expect((await (await signedIn(researcher)).get(NEW)).statusCode).toBe(403);
  });

  it('finds a person by a POST search, registers the walk-in and then attaches a second request of the day', async () => {
    const b = await signedIn(world.desk);
    const found = await b.submit(NEW, NEW, base({ q: 'Bianchipagine', action: 'search' }));
    expect(found.statusCode).toBe(200);
    expect(found.body).toContain(`id="who-${personId}"`);
    expect(found.body).toContain('Bianchipagine');

    const saved = await b.submit(NEW, NEW, base({ q: 'Bianchipagine', who: personId }));
    expect(saved.statusCode).toBe(303);
    expect(String(saved.headers.location)).toMatch(/\?nuovo=1$/);
    const page = await b.get(String(saved.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/Accesso ACC-\d{4}-\d{6}/);
    expect(page.body).toContain(`href="/operatori/persone/${personId}"`);
    // Booking an appointment for the person from the register: the agenda's desk form at this office.
    expect(page.body).toMatch(
      new RegExp(`href="/operatori/agenda\\?persona=${personId}&amp;ufficio=[0-9a-f-]{36}#prenota"`),
    );
    expect(page.body).toContain('Sfratto esecutivo');

    const again = await b.submit(
      NEW,
      NEW,
      base({ who: personId, needAreaId: world.area.school ?? '', reason: 'Mensa' }),
    );
    expect(again.statusCode).toBe(303);
    expect(String(again.headers.location)).toBe(`/operatori/accessi/${idFrom(saved.headers.location)}?allegato=1`);
    const joined = await b.get(String(again.headers.location));
    expect(joined.body).toContain('aveva già un accesso oggi');
    expect(joined.body).toContain('Mensa');
    expect(String(again.headers.location)).not.toContain('Bianchi');
  });

  it('gives the form again with an error summary and per-field messages (422), writing nothing', async () => {
    const b = await signedIn(world.desk);
    const before = await world.db.selectFrom('access').select(world.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const res = await b.submit(NEW, NEW, base({ who: '', reason: ' ', urgency: 'immediate' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Ci sono errori nel modulo');
    expect(res.body).toContain('href="#who-anonymous"');
    expect(res.body).toMatch(/id="who-anonymous"[^>]*aria-describedby="who-anonymous-error"/);
    expect(res.body).toMatch(/id="reason"[^>]*aria-describedby="reason-error"/);
    expect(res.body).toContain('id="urgencyReason-error"');
    const after = await world.db.selectFrom('access').select(world.db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('registers an anonymous information-only contact with sex and age band', async () => {
    const b = await signedIn(world.desk);
    const res = await b.submit(
      NEW,
      NEW,
      base({
        who: 'anonymous',
        sex: 'F',
        ageBand: '65-79',
        urgency: 'immediate',
        urgencyReason: 'Senza riscaldamento',
      }),
    );
    expect(res.statusCode).toBe(303);
    const page = await b.get(String(res.headers.location));
    expect(page.body).toContain('Persona non identificata, Femmina, 65-79');
    expect(page.body).toContain('data-urgency="immediate"');
  });
});

describe('pronto intervento sociale', () => {
  it('refuses it with an ordinary urgency (422, tied to the box) and records it with an immediate one', async () => {
    const b = await signedIn(world.desk);
    const refused = await b.submit(NEW, NEW, base({ who: 'anonymous', pronto: '1' }));
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('href="#pronto"');
    expect(refused.body).toMatch(/id="pronto"[^>]*aria-describedby="pronto-error"/);
    const saved = await b.submit(
      NEW,
      NEW,
      base({ who: 'anonymous', pronto: '1', urgency: 'immediate', urgencyReason: 'Notte in strada' }),
    );
    expect(saved.statusCode).toBe(303);
    const id = idFrom(saved.headers.location);
    const row = await world.db
      .selectFrom('access')
      .select('pronto_intervento')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.pronto_intervento).toBe(true);
    expect((await b.get(`/operatori/accessi/${id}`)).body).toContain('Pronto intervento sociale</strong>');
  });
});

describe('access page and today list', () => {
  it('records outcomes per request, refuses closing while one lacks an outcome (409), then closes', async () => {
    const b = await signedIn(worker);
    const saved = await b.submit(NEW, NEW, base({ who: 'anonymous' }));
    const id = idFrom(saved.headers.location);
    const page = await b.get(`/operatori/accessi/${id}`);
    const requestId = /action="\/operatori\/accessi\/[0-9a-f-]{36}\/richieste\/([0-9a-f-]{36})\/esiti"/.exec(
      page.body,
    )?.[1];
    expect(requestId).toBeTruthy();
    const csrf = csrfOf(page.body);

    const blocked = await b.post(`/operatori/accessi/${id}/chiudi`, { _csrf: csrf });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.body).toContain('queste richieste non hanno ancora un esito');
    expect(blocked.body).toContain(`href="#request-${requestId}"`);

    const outcomeUrl = `/operatori/accessi/${id}/richieste/${requestId}/esiti`;
    const invalid = await b.post(outcomeUrl, { _csrf: csrf, kind: 'refused', detail: '', reasonCode: '' });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain(`href="#reasonCode-${requestId}"`);

    const ok = await b.post(outcomeUrl, { _csrf: csrf, kind: 'information', detail: 'Bando casa', reasonCode: '' });
    expect(ok.statusCode).toBe(303);
    const closed = await b.post(`/operatori/accessi/${id}/chiudi`, { _csrf: csrf });
    expect(closed.statusCode).toBe(303);
    const shown = await b.get(String(closed.headers.location));
    expect(shown.body).toContain('Accesso chiuso.');
    expect(shown.body).not.toContain('Chiudi accesso');
  });

  it('refuses a professional outcome from the front office (403) and an office not mine (403), in the form', async () => {
    const b = await signedIn(world.desk);
    const saved = await b.submit(NEW, NEW, base({ who: 'anonymous' }));
    const id = idFrom(saved.headers.location);
    const page = await b.get(`/operatori/accessi/${id}`);
    const requestId = /\/richieste\/([0-9a-f-]{36})\/esiti/.exec(page.body)?.[1] ?? '';
    const res = await b.post(`/operatori/accessi/${id}/richieste/${requestId}/esiti`, {
      _csrf: csrfOf(page.body),
      kind: 'take_charge_proposal',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('solo un’assistente sociale');
    const elsewhere = await signedIn(worker);
    const other = await elsewhere.submit(NEW, NEW, base({ who: 'anonymous', officeId: world.otherOffice.id }));
    expect(other.statusCode).toBe(403);
    expect(other.body).toContain('Non puoi registrare accessi per questo ufficio.');
  });

  it('offers the front office only the outcomes it may record', async () => {
    const b = await signedIn(world.desk);
    const saved = await b.submit(NEW, NEW, base({ who: 'anonymous' }));
    const page = await b.get(String(saved.headers.location));
    expect(page.body).toContain('value="information"');
    expect(page.body).not.toContain('value="take_charge_proposal"');
  });

  it("lists today's accesses of my offices, immediate first, and those awaiting an interview", async () => {
    const b = await signedIn(world.desk);
    const res = await b.get('/operatori/accessi');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>Accessi di oggi nei miei uffici</caption>');
    expect(res.body).toContain('<caption>In attesa di colloquio</caption>');
    const today = res.body.split('<caption>In attesa di colloquio')[0] ?? '';
    const first = today.indexOf('<tbody>');
    expect(today.indexOf('Immediata', first)).toBeGreaterThan(first);
    expect(today.indexOf('Immediata', first)).toBeLessThan(today.indexOf('Ordinaria', first));
  });
});
