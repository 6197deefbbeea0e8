import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { seedDemo } from '../src/entrypoints/demo-seed.ts';
import { createPerson } from '../src/modules/people/index.ts';
import { freshDatabase } from './support/db.ts';

it('seeds Monza once: offices with hours, one operator per role, neighbourhoods that route an address to its office', async () => {
  const { db } = await freshDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seg-seed-'));
  expect(await seedDemo(db, dir, 'test')).toBe(true);
  expect(await seedDemo(db, dir, 'test')).toBe(false);

  const tenant = await db.selectFrom('tenant').selectAll().executeTakeFirstOrThrow();
  expect(tenant).toMatchObject({ code: 'monza', istat_code: '108033', belfiore_code: 'F704' });
  const offices = await db.selectFrom('office').select(['code', 'id', 'demo_values']).orderBy('code').execute();
  expect(offices.map((o) => o.code)).toEqual([
    'cederna-cantalupo',
    'centrale',
    'san-biagio-cazzaniga',
    'san-fruttuoso',
    'san-rocco',
  ]);
  const afternoons = await db
    .selectFrom('office_hours as h')
    .innerJoin('office as o', 'o.id', 'h.office_id')
    .select(['o.code', 'h.weekday'])
    .where('h.opens', '>=', '13:00')
    .orderBy('o.code')
    .orderBy('h.weekday')
    .execute();
  // Monday and Thursday afternoons at San Rocco and Cederna (DOMAIN.md §2).
  expect(afternoons.map((a) => `${a.code}:${a.weekday}`)).toEqual([
    'cederna-cantalupo:1',
    'cederna-cantalupo:4',
    'san-rocco:1',
    'san-rocco:4',
  ]);
  const roles = await db.selectFrom('membership').select('role').orderBy('role').execute();
  expect(roles.map((r) => r.role)).toEqual([
    'admin',
    'auditor',
    'coordinator',
    'front_office',
    'partner', // seedDemoReferrals: the partner user of the first demo organization
    'researcher',
    'social_worker',
    'social_worker',
  ]);
  const creds = JSON.parse(await fs.readFile(path.join(dir, 'demo-credentials.json'), 'utf8')) as { password: string };
  expect(creds.password).toMatch(/^demo-[0-9a-f]{12}$/);

  const worker = await db
    .selectFrom('app_user as u')
    .innerJoin('membership as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.username'])
    .where('m.role', '=', 'social_worker')
    .executeTakeFirstOrThrow();
  const sanFruttuoso = offices.find((o) => o.code === 'san-fruttuoso');
  const result = await createPerson(
    {
      actor: {
        kind: 'user',
        userId: worker.id,
        username: worker.username,
        displayName: 'x',
        tenantId: tenant.id,
        role: 'social_worker',
        officeIds: [],
      },
      requestId: 'test',
      clock: { now: () => new Date() },
      db,
    },
    {
      givenNames: 'Prova',
      familyNames: 'Indirizzo',
      address: { kind: 'residence', street: 'via  iseo', houseNumber: '5', municipalityCode: 'F704' },
    },
  );
  if (result.kind !== 'saved') throw new Error(JSON.stringify(result));
  expect(result.person.office?.id).toBe(sanFruttuoso?.id);
  await fs.rm(dir, { recursive: true, force: true });
});
