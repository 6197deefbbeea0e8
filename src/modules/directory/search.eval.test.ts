import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';
import { EVAL_QUERIES, evaluateSearch } from './search.eval.ts';

describe('search quality on the demo catalogue', () => {
  it('finds the right service in the top 5 for at least 90% of residents’ queries', async () => {
    const { db } = await freshDatabase();
    const { tenant } = await demoDirectoryWorld(db);
    const r = await evaluateSearch(db, tenant.id);
    console.log(`recall@5 ${r.recallAt5.toFixed(3)}  MRR ${r.mrr.toFixed(3)}  (${r.queries} queries)`);
    for (const m of r.misses) console.log(`MISS ${m.query} → ${m.top.join(' | ')}`);
    expect(EVAL_QUERIES.length).toBeGreaterThanOrEqual(40);
    expect(r.recallAt5).toBeGreaterThanOrEqual(0.9);
  }, 60_000);
});
