import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { HSDS_EXAMPLES, importInto } from '../../../test/support/directory.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { withTenant } from '../../platform/db/database.ts';
import { importHsds } from './index.ts';

let db: Db;
beforeAll(async () => {
  db = (await freshDatabase()).db;
});
const deps = () => ({ db, clock: { now: () => new Date('2026-11-27T09:00:00Z') }, requestId: 'test' });
const count = (tenantId: string, table: 'hsds_service' | 'organization' | 'hsds_phone' | 'hsds_schedule') =>
  withTenant(db, tenantId, async (trx) => (await trx.selectFrom(table).select('id').execute()).length);

describe('import hsds', () => {
  it('imports the official full-service example, and again without changing anything', async () => {
    const t = await buildTenant(db);
    const first = await importInto(db, t.id, path.join(HSDS_EXAMPLES, 'service_full.json'));
    expect(first).toMatchObject({ kind: 'json', records: 1, imported: true, updated: 0, unchanged: 0 });
    expect(first.created).toBe(first.rows);
    expect(await count(t.id, 'hsds_service')).toBe(1);
    expect(await count(t.id, 'organization')).toBe(1);
    const again = await importInto(db, t.id, path.join(HSDS_EXAMPLES, 'service_full.json'));
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: first.rows });
  });

  it('imports the official tabular package (CSV files) and the list example', async () => {
    // HSDS ids are UUIDs, unique across tenants: the examples reuse the ids above, so another database.
    const other = (await freshDatabase()).db;
    const t = await buildTenant(other);
    const s = await importInto(other, t.id, path.join(HSDS_EXAMPLES, 'csv'));
    expect(s).toMatchObject({ kind: 'tabular', records: 21, rows: 21, created: 21, imported: true });
    expect(s.warnings.join(' ')).toContain('datapackage.json');
    const schedules = await withTenant(other, t.id, (trx) => trx.selectFrom('hsds_schedule').select('data').execute());
    expect(schedules).toHaveLength(1);
    expect(schedules[0]?.data).toMatchObject({ byday: 'TH,FR', timezone: 3, opens_at: '10:00:00' });
    const list = await importInto(other, t.id, path.join(HSDS_EXAMPLES, 'service_list.json'));
    expect(list.imported).toBe(true);
  });

  it('refuses ids that another tenant’s directory already holds, writing nothing', async () => {
    const t = await buildTenant(db);
    const s = await importHsds(deps(), { tenantId: t.id, path: path.join(HSDS_EXAMPLES, 'service_full.json') });
    expect(s.imported).toBe(false);
    expect(s.problems[0]?.message).toContain('another tenant');
    expect(await count(t.id, 'organization')).toBe(0);
  });

  it('rejects a file with one invalid record whole, naming the record and the field, and writes nothing', async () => {
    const t = await buildTenant(db);
    const good = JSON.parse(await readFile(path.join(HSDS_EXAMPLES, 'service_full.json'), 'utf8'));
    const bad = {
      ...structuredClone(good),
      id: '0b6f3f0e-8a1f-4a44-9d0c-5f1b2f0e9a01',
      phones: [{ id: '7d1d3a2e-6c7e-4a55-8b1c-2f7e9d0c1a02' }],
    };
    const dir = await mkdtemp(path.join(tmpdir(), 'hsds-'));
    const file = path.join(dir, 'services.json');
    await writeFile(file, JSON.stringify([good, bad]));
    const s = await importHsds(deps(), { tenantId: t.id, path: file });
    expect(s.imported).toBe(false);
    expect(s.problems).toContainEqual({
      source: 'services.json[1]',
      recordId: bad.id,
      pointer: '/phones/0',
      message: "must have required property 'number'",
    });
    expect(s.problems.every((p) => p.recordId === bad.id)).toBe(true);
    expect(await count(t.id, 'hsds_service')).toBe(0);
    expect(await count(t.id, 'hsds_phone')).toBe(0);
  });

  it('rejects a CSV row of the wrong type with its file, line and column', async () => {
    const t = await buildTenant(db);
    const dir = await mkdtemp(path.join(tmpdir(), 'hsds-'));
    await writeFile(
      path.join(dir, 'services.csv'),
      'id,name,status,minimum_age\n3b5e8f1c-1d2e-4f3a-9b8c-7d6e5f4a3b21,Mensa,active,dodici\n',
    );
    const s = await importHsds(deps(), { tenantId: t.id, path: dir });
    expect(s.imported).toBe(false);
    expect(s.problems).toEqual([
      {
        source: 'services.csv:2',
        recordId: '3b5e8f1c-1d2e-4f3a-9b8c-7d6e5f4a3b21',
        pointer: '/minimum_age',
        message: 'must be number',
      },
    ]);
  });
});
