import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { withTenant } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { getOrganizationSummary, listOrganizations } from './index.ts';

describe('organization summaries for other modules', () => {
  it('reads an organization of the tenant and hides other tenants’ ones (RLS)', async () => {
    const { db } = await freshDatabase();
    const a = await buildTenant(db);
    const b = await buildTenant(db);
    const id = newId();
    await withTenant(db, a.id, (trx) =>
      trx
        .insertInto('organization')
        .values({ id, tenant_id: a.id, data: JSON.stringify({ name: 'Caritas Monza', email: 'info@example.org' }) })
        .execute(),
    );
    const mine = await withTenant(db, a.id, (trx) => getOrganizationSummary(trx, id));
    expect(mine).toMatchObject({ id, name: 'Caritas Monza', email: 'info@example.org', website: null });
    expect(await withTenant(db, a.id, (trx) => listOrganizations(trx))).toHaveLength(1);
    expect(await withTenant(db, b.id, (trx) => getOrganizationSummary(trx, id))).toBeUndefined();
    expect(await withTenant(db, b.id, (trx) => listOrganizations(trx))).toEqual([]);
  });
});
