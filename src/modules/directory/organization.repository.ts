import type { Executor } from '../../platform/db/database.ts';

/** What other modules need to name an organization of the directory (referrals, cases). */
export interface OrganizationSummary {
  id: string;
  name: string;
  alternateName: string | null;
  email: string | null;
  website: string | null;
}

type Row = { id: string; data: unknown };

function summary(row: Row): OrganizationSummary {
  const d = row.data as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return {
    id: row.id,
    name: text(d.name) ?? '',
    alternateName: text(d.alternate_name),
    email: text(d.email),
    website: text(d.website),
  };
}

/** One organization of the caller's tenant (run inside withTenant), or undefined. */
export async function getOrganizationSummary(trx: Executor, id: string): Promise<OrganizationSummary | undefined> {
  const row = await trx.selectFrom('organization').select(['id', 'data']).where('id', '=', id).executeTakeFirst();
  return row ? summary(row) : undefined;
}

/** All organizations of the caller's tenant (run inside withTenant), by name. */
export async function listOrganizations(trx: Executor): Promise<OrganizationSummary[]> {
  const rows = await trx.selectFrom('organization').select(['id', 'data']).execute();
  return rows.map(summary).sort((a, b) => a.name.localeCompare(b.name, 'it'));
}
