import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { buildOperator, type TestOperator } from '../../../test/support/factories.ts';
import { accessWorld } from './access.fixture.ts';
import { registerAccess } from './access.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
const codes: Record<string, string> = {};

beforeAll(async () => {
  world = await accessWorld();
  worker = await buildOperator(world.db, world.tenant, 'social_worker', { offices: [world.office] });
  const walkIn = async (name: string, officeId: string, urgency: 'ordinary' | 'immediate') => {
    const result = await registerAccess(world.ctx(), {
      officeId,
      channel: 'walk_in',
      presentedBy: 'person',
      referrer: 'self',
      anonymous: {},
      requests: [{ needAreaId: world.area.housing ?? '', reason: 'Sfratto' }],
      urgency,
      ...(urgency === 'immediate' ? { urgencyReason: 'Notte in strada' } : {}),
    });
    if (result.kind === 'invalid') throw new Error(JSON.stringify(result.errors));
    codes[name] = result.access.code;
  };
  await walkIn('ordinary', world.office.id, 'ordinary');
  await walkIn('immediate', world.office.id, 'immediate');
  await walkIn('elsewhere', world.otherOffice.id, 'ordinary');
  app = await buildTestApp(world.db);
});

async function home(op: TestOperator) {
  const b = new Browser(app);
  await b.login(op.username, op.password);
  return (await b.get('/operatori')).body;
}

/** The operator home's section of one office (from its heading to the next section). */
const sectionOf = (body: string, officeName: string) => {
  const start = body.indexOf(`Accessi di oggi — ${officeName}`);
  return start < 0 ? '' : body.slice(start, body.indexOf('</section>', start));
};

describe("operator home: today's accesses per office", () => {
  it('lists each office its own accesses of today, immediate first and highlighted', async () => {
    const body = await home(world.desk);
    const mine = sectionOf(body, world.office.name);
    expect(mine).toContain(codes.ordinary);
    expect(mine).toContain(codes.immediate);
    expect(mine).not.toContain(codes.elsewhere);
    expect(mine.indexOf(codes.immediate ?? '')).toBeLessThan(mine.indexOf(codes.ordinary ?? ''));
    expect(mine).toMatch(/<tr class="fw-semibold" data-urgency="immediate">/);
    expect(body).toContain('Urgenze immediate oggi: 1');
    expect(sectionOf(body, world.otherOffice.name)).toContain(codes.elsewhere);
  });

  it("shows an operator only their offices' accesses", async () => {
    const body = await home(worker);
    expect(body).toContain(codes.ordinary);
    expect(body).not.toContain(codes.elsewhere);
  });

  it('audits the list shown on the home (ids only)', async () => {
    await home(worker);
    const events = await world.db
      .selectFrom('audit_event')
      .select(['details'])
      .where('actor_user_id', '=', worker.userId)
      .where('action', '=', 'access.list')
      .execute();
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events.at(-1)?.details)).not.toContain('Sfratto');
  });

  it('links the indicators for coordinators and researchers, the taxonomy administration for admins', async () => {
    const researcher = await buildOperator(world.db, world.tenant, 'researcher');
    const admin = await buildOperator(world.db, world.tenant, 'admin');
    expect(await home(researcher)).toContain('href="/operatori/indicatori"');
    expect(await home(admin)).toContain('href="/operatori/amministrazione/tassonomia"');
    const desk = await home(world.desk);
    expect(desk).not.toContain('href="/operatori/indicatori"');
    expect(desk).not.toContain('href="/operatori/amministrazione/tassonomia"');
  });
});
