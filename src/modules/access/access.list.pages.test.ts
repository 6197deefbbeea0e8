import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { accessWorld } from './access.fixture.ts';
import { registerAccess } from './access.service.ts';

let world: Awaited<ReturnType<typeof accessWorld>>;
let app: Awaited<ReturnType<typeof buildTestApp>>;
const codes: Record<string, string> = {};

beforeAll(async () => {
  world = await accessWorld();
  const walkIn = async (name: string, channel: 'walk_in' | 'phone', officeId: string, area: string) => {
    const result = await registerAccess(world.ctx(), {
      officeId,
      channel,
      presentedBy: 'person',
      referrer: 'self',
      anonymous: {},
      requests: [{ needAreaId: world.area[area] ?? '', reason: 'Richiesta' }],
      urgency: 'ordinary',
    });
    if (result.kind === 'invalid') throw new Error(JSON.stringify(result.errors));
    codes[name] = result.access.code;
  };
  await walkIn('deskHousing', 'walk_in', world.office.id, 'housing');
  await walkIn('phoneSchool', 'phone', world.office.id, 'school');
  await walkIn('otherOffice', 'walk_in', world.otherOffice.id, 'housing');
  app = await buildTestApp(world.db);
});

async function list(query = '') {
  const b = new Browser(app);
  await b.login(world.desk.username, world.desk.password);
  return b.get(`/operatori/accessi${query}`);
}

/** The filter section of the page (results included). */
const filterPart = (body: string) => body.slice(body.indexOf('id="filtra"'));

describe('working lists: my open accesses and filters', () => {
  it('lists my open accesses and offers the filter form without results until asked', async () => {
    const res = await list();
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<caption>I miei accessi aperti</caption>');
    expect(res.body).toContain('for="needArea"');
    expect(filterPart(res.body)).not.toContain('ACC-');
  });

  it('filters by channel, need area and office', async () => {
    const byChannel = filterPart((await list('?channel=phone')).body);
    expect(byChannel).toContain(codes.phoneSchool);
    expect(byChannel).not.toContain(codes.deskHousing);
    const byArea = filterPart((await list('?needArea=housing')).body);
    expect(byArea).toContain(codes.deskHousing);
    expect(byArea).toContain(codes.otherOffice);
    expect(byArea).not.toContain(codes.phoneSchool);
    const byOffice = filterPart((await list(`?officeId=${world.otherOffice.id}`)).body);
    expect(byOffice).toContain(codes.otherOffice);
    expect(byOffice).not.toContain(codes.deskHousing);
  });

  it('answers 422 with a message for an impossible date', async () => {
    const res = await list('?from=2026-02-30');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="from-error"');
  });
});
