import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { type Executor, withTenant } from '../../platform/db/database.ts';
import { refreshSearch } from './hsds.repository.ts';
import { CANDIDATES_PER_LEXEME, expandQuery, searchServiceIds, tsQuery } from './search.repository.ts';

const QUERIES = [
  'non riesco a pagare l’affitto',
  'badante per mia madre',
  'bollette luce gas',
  'asistenza domicilare anziani',
  'food bank',
  'corso di italiano per stranieri',
];

/** The ranking before migration 0012: ts_rank over every matching service. */
async function byTsRank(trx: Executor, terms: string[], limit: number) {
  const r = await sql<{ id: string; total: string }>`
    SELECT s.id, count(*) OVER () AS total FROM hsds_service s CROSS JOIN (SELECT ${tsQuery(terms)} AS query) q
     WHERE s.search_document @@ q.query
     ORDER BY ts_rank(s.search_document, q.query, 1) DESC, s.data->>'name', s.id LIMIT ${limit}`.execute(trx);
  return { ids: r.rows.map((row) => row.id), total: Number(r.rows[0]?.total ?? 0) };
}

describe('directory search through postings', () => {
  it('ranks exactly as ts_rank over the whole catalogue when no word has more services than k', async () => {
    const { db } = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(db);
    await withTenant(db, tenant.id, async (trx) => {
      for (const q of QUERIES) {
        const terms = await expandQuery(trx, q);
        const found = await searchServiceIds(trx, terms, {}, { offset: 0, limit: 15 });
        const reference = await byTsRank(trx, terms, 15);
        expect(found.ids, q).toEqual(reference.ids);
        expect(found.total, q).toBe(reference.total);
        expect(found.capped, q).toBe(false);
      }
    });
  }, 60_000);

  it('follows an edit: the new words find the service, the old ones weigh less, still in ts_rank’s order', async () => {
    const { db } = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(db);
    await withTenant(db, tenant.id, async (trx) => {
      const [target] = (await searchServiceIds(trx, ['emporio'], {}, { offset: 0, limit: 1 })).ids;
      expect(target).toBeDefined();
      const score = async () =>
        Number(
          (
            await sql<{ score: number }>`SELECT score FROM directory_posting
              WHERE service_id = ${target} AND lexeme = 'empor'`.execute(trx)
          ).rows[0]?.score,
        );
      const before = await score();
      await sql`UPDATE hsds_service SET data = data || '{"name": "Zanzibarfrutta", "description": "Frutta"}'
        WHERE id = ${target}`.execute(trx);
      await refreshSearch(trx, [target as string]);
      expect((await searchServiceIds(trx, ['zanzibarfrutta'], {}, { offset: 0, limit: 5 })).ids).toEqual([target]);
      // "Emporio" is left only in the organization's name (weight C), no longer in the name (A).
      expect(await score()).toBeLessThan(before / 2);
      const after = await searchServiceIds(trx, ['emporio'], {}, { offset: 0, limit: 60 });
      expect(after.ids).toEqual((await byTsRank(trx, ['emporio'], 60)).ids);
    });
  }, 60_000);

  it('reads at most k services per word on a large catalogue, and reads further when filters need it', async () => {
    const { db, url } = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(db);
    const copies = CANDIDATES_PER_LEXEME + 50;
    // Copies of one service with the original's postings, as the bench generator makes them.
    await ownerQuery(
      url,
      `CREATE TEMP TABLE c AS SELECT s.id AS old_id, gen_random_uuid() AS new_id
         FROM hsds_service s, generate_series(1, ${copies}) n WHERE s.data->>'name' = 'Emporio solidale';
       INSERT INTO hsds_service SELECT (jsonb_populate_record(NULL::hsds_service,
         to_jsonb(s) || jsonb_build_object('id', c.new_id))).* FROM hsds_service s JOIN c ON c.old_id = s.id;
       INSERT INTO directory_posting SELECT p.tenant_id, p.lexeme, c.new_id, p.score
         FROM directory_posting p JOIN c ON c.old_id = p.service_id;`,
    );
    // The copy ranked last among equals (ties go by id) is the only one offered in Tigrinya.
    const last = await ownerQuery(
      url,
      `INSERT INTO hsds_language (id, tenant_id, service_id, data)
       SELECT gen_random_uuid(), tenant_id, id, '{"code": "ti"}' FROM hsds_service
        WHERE data->>'name' = 'Emporio solidale' ORDER BY id DESC LIMIT 1 RETURNING service_id`,
    );
    const lastId = last.rows[0]?.service_id as string;
    await withTenant(db, tenant.id, async (trx) => {
      const first = await searchServiceIds(trx, ['emporio'], {}, { offset: 0, limit: 20 });
      expect(first.ids).toHaveLength(20);
      expect(first.capped).toBe(true);
      expect(first.total).toBeGreaterThanOrEqual(CANDIDATES_PER_LEXEME);
      expect(first.ids).not.toContain(lastId);
      // A later page still comes back: k grows with the page asked for.
      const deep = await searchServiceIds(trx, ['emporio'], {}, { offset: copies - 10, limit: 20 });
      expect(deep.ids.length).toBeGreaterThan(0);
      // A filter only the last-ranked copy passes finds it: k and the window grow until it is read.
      const filtered = await searchServiceIds(trx, ['emporio'], { language: 'ti' }, { offset: 0, limit: 20 });
      expect(filtered.ids).toEqual([lastId]);
      expect(filtered.total).toBe(1);
    });
  }, 120_000);

  it('corrects misspelt words and finds services from the own tenant’s catalogue only', async () => {
    const { db } = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(db);
    const other = await buildTenant(db);
    await withTenant(db, tenant.id, async (trx) => {
      expect(await expandQuery(trx, 'afitto')).toContain('affitto');
    });
    await withTenant(db, other.id, async (trx) => {
      expect(await expandQuery(trx, 'afitto')).toEqual(['afitto']);
      // Postings and lexemes are the tenant's own too.
      for (const table of ['directory_posting', 'directory_lexeme'] as const)
        expect(await trx.selectFrom(table).select('tenant_id').limit(1).execute()).toEqual([]);
      expect(await searchServiceIds(trx, ['emporio', 'affitto'], {}, { offset: 0, limit: 5 })).toEqual({
        ids: [],
        total: 0,
        capped: false,
      });
    });
  }, 60_000);
});
