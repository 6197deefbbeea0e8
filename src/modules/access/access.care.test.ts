import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';
import { registerAccess } from './access.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let researcher: TestOperator;

beforeAll(async () => {
  world = await accessWorld();
  researcher = await buildOperator(world.db, world.tenant, 'researcher');
  app = await buildTestApp(world.db);
});

async function anAccess(): Promise<string> {
  const result = await registerAccess(world.ctx(), {
    officeId: world.office.id,
    channel: 'walk_in',
    presentedBy: 'person',
    referrer: 'self',
    anonymous: {},
    requests: [{ needAreaId: world.area.housing ?? '', reason: 'Sfratto' }],
    urgency: 'ordinary',
  });
  if (result.kind === 'invalid') throw new Error(JSON.stringify(result.errors));
  return result.access.id;
}

/** Signs in and returns a function posting a raw form body (repeated keys for checkboxes). */
async function session(op: TestOperator) {
  const cookies: Record<string, string> = {};
  const keep = (res: Awaited<ReturnType<typeof app.inject>>) => {
    for (const c of res.cookies) cookies[c.name] = c.value;
    return res;
  };
  const get = async (url: string) => keep(await app.inject({ method: 'GET', url, cookies }));
  const post = async (url: string, body: URLSearchParams) =>
    keep(
      await app.inject({
        method: 'POST',
        url,
        cookies,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  const login = await get('/accedi');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)?.[1] ?? '';
  await post('/accedi', new URLSearchParams({ username: op.username, password: op.password, _csrf: csrf }));
  return { get, post };
}

const csrfOf = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('care and control facts on the access page', () => {
  it('records documents demanded, barriers, mandate and conditions; audits codes only', async () => {
    const id = await anAccess();
    const s = await session(world.desk);
    const page = await s.get(`/operatori/accessi/${id}`);
    expect(page.body).toContain('Cura e controllo');
    expect(page.body).toContain('Ancora nessun colloquio');
    const body = new URLSearchParams([
      ['_csrf', csrfOf(page.body)],
      ['version', /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? ''],
      ['documentsDemanded', 'isee'],
      ['documentsDemanded', 'identity_document'],
      ['barriers', 'language'],
      ['mandatedBy', 'school'],
      ['conditionsImposed', 'Presentarsi con il contratto'],
    ]);
    const saved = await s.post(`/operatori/accessi/${id}/fatti`, body);
    expect(saved.statusCode).toBe(303);
    const row = await world.db
      .selectFrom('access')
      .select(['documents_demanded', 'barriers', 'mandated_by', 'conditions_imposed'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      documents_demanded: ['isee', 'identity_document'],
      barriers: ['language'],
      mandated_by: 'school',
      conditions_imposed: 'Presentarsi con il contratto',
    });
    const event = await world.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'access.care_facts')
      .where('record_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(event.details)).not.toContain('contratto');
    const shown = await s.get(String(saved.headers.location));
    expect(shown.body).toContain('Fatti di cura e controllo salvati.');
    expect(shown.body).toMatch(/id="documentsDemanded"[^>]*checked/);

    // The same form again (the version it was read at is now stale): 409, nothing changed.
    const stale = await s.post(`/operatori/accessi/${id}/fatti`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('L’accesso è cambiato nel frattempo');
  });

  it('answers 422 for a value outside the lists, and 403 for roles that do not register accesses', async () => {
    const id = await anAccess();
    const s = await session(world.desk);
    const page = await s.get(`/operatori/accessi/${id}`);
    const bad = await s.post(
      `/operatori/accessi/${id}/fatti`,
      new URLSearchParams({
        _csrf: csrfOf(page.body),
        version: '1',
        documentsDemanded: 'passport',
        mandatedBy: 'none',
      }),
    );
    expect(bad.statusCode).toBe(422);
    const r = await session(researcher);
    const home = await r.get('/operatori');
    const refused = await r.post(
      `/operatori/accessi/${id}/fatti`,
      new URLSearchParams({ _csrf: csrfOf(home.body), version: '1', mandatedBy: 'court' }),
    );
    expect(refused.statusCode).toBe(403);
  });
});
