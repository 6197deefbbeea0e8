import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Clock } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { recordEvent } from '../audit/index.ts';
import { CSV_FILE, HSDS_TABLES, type HsdsTable } from './hsds.model.ts';
import { recordOf } from './hsds.nest.ts';
import { allRows } from './hsds.repository.ts';
import { tableSchema } from './hsds.schemas.ts';

/** One CSV cell: quoted when it holds a comma, quote or line break. */
function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * Writes a tenant's directory as the HSDS 3.0 tabular data package: one CSV per table, every column of
 * the standard in its order, and a datapackage.json describing them (Frictionless Data).
 */
export async function exportHsds(
  deps: { db: Db; clock: Clock; requestId: string },
  options: { tenantId: string; dir: string },
): Promise<{ files: number; rows: number }> {
  await mkdir(options.dir, { recursive: true });
  const ctx = { actor: { kind: 'system' as const, tenantId: options.tenantId }, requestId: deps.requestId };
  const tables = await withTenant(deps.db, options.tenantId, async (trx) => {
    const out: { table: HsdsTable; records: Record<string, unknown>[] }[] = [];
    for (const table of HSDS_TABLES)
      out.push({ table, records: (await allRows(trx, table)).map((r) => recordOf(table, r)) });
    await recordEvent(trx, ctx, {
      action: 'directory.export',
      details: { rows: out.reduce((n, t) => n + t.records.length, 0) },
    });
    return out;
  });
  const resources = [];
  let rows = 0;
  for (const { table, records } of tables) {
    const schema = tableSchema(table);
    const columns = Object.keys(schema.properties);
    const lines = [columns.join(','), ...records.map((r) => columns.map((c) => cell(r[c])).join(','))];
    await writeFile(path.join(options.dir, CSV_FILE[table]), `${lines.join('\r\n')}\r\n`, 'utf8');
    rows += records.length;
    resources.push({
      name: table,
      path: CSV_FILE[table],
      format: 'csv',
      mediatype: 'text/csv',
      profile: 'tabular-data-resource',
      schema: {
        fields: columns.map((c) => ({ name: c, type: schema.properties[c]?.type ?? 'string' })),
        primaryKey: 'id',
      },
    });
  }
  const pkg = { name: 'hsds-export', profile: 'tabular-data-package', hsds_version: '3.0', resources };
  await writeFile(path.join(options.dir, 'datapackage.json'), `${JSON.stringify(pkg, null, 2)}\n`, 'utf8');
  return { files: tables.length, rows };
}
