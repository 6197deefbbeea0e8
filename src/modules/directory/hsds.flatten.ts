import { type HsdsRow, type HsdsTable, NESTED, toRow } from './hsds.model.ts';

/** Rows collected from nested HSDS objects, one per table and id (a record seen twice is merged). */
export class RowSet {
  readonly rows = new Map<string, HsdsRow>();

  add(row: HsdsRow): void {
    const key = `${row.table}:${row.id}`;
    const seen = this.rows.get(key);
    if (!seen) {
      this.rows.set(key, row);
      return;
    }
    Object.assign(seen.data, row.data);
    for (const [k, v] of Object.entries(row.links)) if (v) seen.links[k] = v;
  }

  byTable(table: HsdsTable): HsdsRow[] {
    return [...this.rows.values()].filter((r) => r.table === table);
  }

  get size(): number {
    return this.rows.size;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Flattens one nested HSDS object (a full service, organization, …) into table rows. A child reached
 * through an array gets its parent's id in the linking column when the record leaves it empty
 * (attributes also get link_entity, metadata resource_type); a child object's id goes into the parent's
 * linking column (service.organization_id, attribute.taxonomy_term_id, …).
 */
export function flatten(
  table: HsdsTable,
  value: Obj,
  into: RowSet,
  position = 0,
  parent?: { table: HsdsTable; id: string; via: string },
): HsdsRow {
  const row = toRow(table, value, position);
  if (parent) {
    row.links[parent.via] ??= parent.id;
    if (table === 'attribute') row.data.link_entity ??= parent.table;
    if (table === 'metadata') row.data.resource_type ??= parent.table;
  }
  for (const n of NESTED[table]) {
    const child = value[n.prop];
    if (n.kind === 'object' && isObj(child) && typeof child.id === 'string') {
      flatten(n.table, child, into);
      row.links[n.via] ??= child.id;
    }
    if (n.kind === 'array' && Array.isArray(child)) {
      child.forEach((c, i) => {
        if (!isObj(c)) return;
        flatten(n.table, c, into, i, { table, id: row.id, via: n.via });
      });
    }
  }
  // Children were added (and merged) above; the parent last, so its own links win.
  into.add(row);
  return row;
}
