import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { seedDemo, seedDemoTaxonomy } from '../src/entrypoints/demo-seed.ts';
import { freshDatabase } from './support/db.ts';

it('seeds the demo need taxonomy once: SIUSS areas on top, local categories under them, both languages', async () => {
  const { db } = await freshDatabase();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seg-taxonomy-'));
  await seedDemo(db, dir, 'test');
  await seedDemoTaxonomy(db);
  const versions = await db.selectFrom('need_taxonomy_version').select('version').execute();
  expect(versions).toEqual([{ version: 1 }]);
  const areas = await db
    .selectFrom('need_area')
    .select(['code', 'parent_code', 'siuss_area', 'label_it', 'label_en'])
    .orderBy('sort_order')
    .execute();
  expect(areas.filter((a) => !a.parent_code).map((a) => [a.code, a.siuss_area])).toEqual([
    ['families_minors', 1],
    ['disability_dependency', 2],
    ['poverty_exclusion', 3],
  ]);
  expect(
    areas
      .filter((a) => a.parent_code)
      .map((a) => a.code)
      .sort(),
  ).toEqual(
    [
      'addiction',
      'caregiving',
      'health',
      'housing',
      'income',
      'isolation',
      'justice',
      'migration_documents',
      'other',
      'school',
      'violence',
      'work',
    ].sort(),
  );
  expect(areas.find((a) => a.code === 'housing')).toMatchObject({
    siuss_area: 3,
    label_it: 'Casa',
    label_en: 'Housing',
  });
  expect(areas.every((a) => a.label_it && a.label_en && a.siuss_area)).toBe(true);
});
