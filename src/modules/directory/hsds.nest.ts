import type { Executor } from '../../platform/db/database.ts';
import { type HsdsTable, LINKS, NESTED, toRecord } from './hsds.model.ts';
import { rowsWhere, type StoredRow } from './hsds.repository.ts';

type Obj = Record<string, unknown>;

/** The flat HSDS record of a stored row. */
export function recordOf(table: HsdsTable, row: StoredRow): Obj {
  const links: Record<string, string | null> = {};
  for (const l of LINKS[table]) links[l] = (row[l] as string | null) ?? null;
  return toRecord({ id: row.id, links, data: row.data });
}

/**
 * Builds the full (nested) HSDS form of rows of one table, as schema/compiled/*.json describes it: one
 * query per nested property and level for all the rows at once. A property leading back to a table
 * already on the path (service → service_at_location → service) is left out.
 * `only` limits the first level to some properties (the list forms nest organization and program only).
 */
export async function nest(
  trx: Executor,
  table: HsdsTable,
  rows: StoredRow[],
  path: HsdsTable[] = [],
  only?: string[],
): Promise<Obj[]> {
  const out = rows.map((r) => recordOf(table, r));
  if (rows.length === 0) return out;
  const here = [...path, table];
  for (const n of NESTED[table]) {
    if (here.includes(n.table) || (only && !only.includes(n.prop))) continue;
    if (n.kind === 'array') {
      const children = await rowsWhere(
        trx,
        n.table,
        n.via,
        rows.map((r) => r.id),
      );
      const built = await nest(trx, n.table, children, only ? [...here, ...allTables()] : here);
      rows.forEach((r, i) => {
        (out[i] as Obj)[n.prop] = built.filter((_, j) => children[j]?.[n.via] === r.id);
      });
    } else {
      const ids = [...new Set(rows.map((r) => r[n.via] as string | null).filter((x): x is string => !!x))];
      const children = await rowsWhere(trx, n.table, 'id', ids);
      const built = await nest(trx, n.table, children, only ? [...here, ...allTables()] : here);
      rows.forEach((r, i) => {
        const j = children.findIndex((c) => c.id === r[n.via]);
        if (j >= 0) (out[i] as Obj)[n.prop] = built[j];
      });
    }
  }
  return out;
}

const allTables = (): HsdsTable[] => Object.keys(NESTED) as HsdsTable[];
