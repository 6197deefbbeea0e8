import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { HSDS_TABLES, type HsdsRow, type HsdsTable, LINKS, sqlTable } from './hsds.model.ts';

const CHUNK = 500;
const ident = (s: string) => sql.ref(s);

/** Some id of an imported table already belongs to another tenant's directory. */
export class ForeignId extends Error {
  constructor(readonly table: HsdsTable) {
    super(`an id of ${table} belongs to another tenant`);
  }
}

export interface UpsertCount {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Inserts or updates rows of one table by id, in chunks; a row whose links and data are unchanged is
 * not touched (re-importing the same file changes nothing). Runs inside the caller's withTenant.
 */
export async function upsertRows(
  trx: Executor,
  tenantId: string,
  table: HsdsTable,
  rows: HsdsRow[],
  now: Date,
  onChunk?: (done: number) => void,
): Promise<UpsertCount> {
  const count: UpsertCount = { created: 0, updated: 0, unchanged: 0 };
  const links = LINKS[table];
  const t = sqlTable(table);
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const payload = chunk.map((r) => {
      const lastModified = typeof r.data.last_modified === 'string' ? r.data.last_modified : null;
      return { id: r.id, position: r.position, data: r.data, modified_at: lastModified, ...r.links };
    });
    const cols = links.map((l) => sql`${ident(l)} uuid`);
    const linkCols = links.map((l) => ident(l));
    const result = await sql<{ inserted: boolean }>`
      INSERT INTO ${sql.table(t)} AS t (id, tenant_id, ${sql.join([...linkCols, sql`position`, sql`data`, sql`modified_at`])})
      SELECT x.id, ${tenantId}::uuid, ${sql.join([
        ...links.map((l) => sql`x.${ident(l)}`),
        sql`x.position`,
        sql`x.data`,
        sql`coalesce(x.modified_at, ${now})`,
      ])}
      FROM jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
        AS x(${sql.join([sql`id uuid`, ...cols, sql`position integer`, sql`data jsonb`, sql`modified_at timestamptz`])})
      ON CONFLICT (id) DO UPDATE SET ${sql.join([
        ...links.map((l) => sql`${ident(l)} = excluded.${ident(l)}`),
        sql`position = excluded.position`,
        sql`data = excluded.data`,
        sql`modified_at = excluded.modified_at`,
      ])}
      WHERE (${sql.join([...links.map((l) => sql`t.${ident(l)}`), sql`t.data`])})
        IS DISTINCT FROM (${sql.join([...links.map((l) => sql`excluded.${ident(l)}`), sql`excluded.data`])})
      RETURNING (xmax = 0) AS inserted`.execute(trx);
    for (const r of result.rows) {
      if (r.inserted) count.created++;
      else count.updated++;
    }
    count.unchanged += chunk.length - result.rows.length;
    // An id held by another tenant is neither inserted nor (RLS hides it) updated: refuse the file.
    const visible = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(t)}
      WHERE id = ANY(${chunk.map((r) => r.id)}::uuid[])`.execute(trx);
    if (Number(visible.rows[0]?.n) !== chunk.length) throw new ForeignId(table);
    onChunk?.(Math.min(i + CHUNK, rows.length));
  }
  return count;
}

/** Recomputes the search document of services (after an import or an edit). */
export async function refreshSearch(trx: Executor, serviceIds: string[]): Promise<void> {
  for (let i = 0; i < serviceIds.length; i += CHUNK) {
    const ids = serviceIds.slice(i, i + CHUNK);
    await sql`SELECT directory_refresh_search(id) FROM unnest(${ids}::uuid[]) AS id`.execute(trx);
  }
}

export interface StoredRow {
  id: string;
  position: number;
  data: Record<string, unknown>;
  translations: Record<string, Record<string, string>>;
  modified_at: Date;
  [link: string]: unknown;
}

/** Rows of a table whose `column` is one of `values` (the tenant's, through RLS). */
export async function rowsWhere(
  trx: Executor,
  table: HsdsTable,
  column: string,
  values: string[],
): Promise<StoredRow[]> {
  if (values.length === 0) return [];
  const r = await sql<StoredRow>`SELECT * FROM ${sql.table(sqlTable(table))}
    WHERE ${ident(column)} = ANY(${values}::uuid[]) ORDER BY position, id`.execute(trx);
  return r.rows;
}

/** Every row of a table, in id order (export). */
export async function allRows(trx: Executor, table: HsdsTable): Promise<StoredRow[]> {
  const r = await sql<StoredRow>`SELECT * FROM ${sql.table(sqlTable(table))} ORDER BY id`.execute(trx);
  return r.rows;
}

export { HSDS_TABLES };
