import type { Clock } from '../../platform/context.ts';
import { type Db, withTenant } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordEvent } from '../audit/index.ts';
import { HSDS_TABLES } from './hsds.model.ts';
import { type ImportProblem, type Progress, type ReadResult, readHsds } from './hsds.read.ts';
import { ForeignId, refreshSearch, type UpsertCount, upsertRows } from './hsds.repository.ts';

export interface HsdsImportSummary extends UpsertCount {
  kind: ReadResult['kind'];
  records: number;
  rows: number;
  problems: ImportProblem[];
  warnings: string[];
  imported: boolean;
}

export interface HsdsImportDeps {
  db: Db;
  clock: Clock;
  requestId: string;
}

/**
 * Imports an HSDS 3.0 file into one tenant's directory, acting as the system (the CLI). Everything is
 * validated against the official schemas first; any invalid record rejects the whole file and nothing is
 * written. A valid file is upserted by id in one transaction: importing it again changes nothing.
 */
export async function importHsds(
  deps: HsdsImportDeps,
  options: { tenantId: string; path: string; onProgress?: Progress },
): Promise<HsdsImportSummary> {
  const read = await readHsds(options.path, options.onProgress);
  const summary: HsdsImportSummary = {
    kind: read.kind,
    records: read.records,
    rows: read.rows.size,
    created: 0,
    updated: 0,
    unchanged: 0,
    problems: read.problems,
    warnings: read.warnings,
    imported: false,
  };
  if (read.problems.length > 0) return summary;
  const now = deps.clock.now();
  const ctx = { actor: { kind: 'system' as const, tenantId: options.tenantId }, requestId: deps.requestId };
  const total = read.rows.size;
  let done = 0;
  try {
    await withTenant(deps.db, options.tenantId, async (trx) => {
      for (const table of HSDS_TABLES) {
        const rows = read.rows.byTable(table);
        const before = done;
        const c = await upsertRows(trx, options.tenantId, table, rows, now, (n) =>
          options.onProgress?.({ phase: 'importing', done: before + n, total }),
        );
        done += rows.length;
        summary.created += c.created;
        summary.updated += c.updated;
        summary.unchanged += c.unchanged;
      }
      await refreshSearch(
        trx,
        read.rows.byTable('service').map((r) => r.id),
      );
      await recordEvent(trx, ctx, {
        action: 'directory.import',
        details: {
          kind: read.kind,
          records: read.records,
          created: summary.created,
          updated: summary.updated,
          unchanged: summary.unchanged,
        },
      });
    });
  } catch (err) {
    // Row-level security refuses to update a row of another tenant: an id already used elsewhere.
    if (err instanceof ForeignId || (err as { code?: string }).code === '42501') {
      summary.problems.push({
        source: options.path,
        recordId: null,
        pointer: '/id',
        message: `an id${err instanceof ForeignId ? ` of ${err.table}` : ''} of this file already belongs to another tenant’s directory; nothing was imported`,
      });
      summary.created = summary.updated = summary.unchanged = 0;
      return summary;
    }
    throw err;
  }
  summary.imported = true;
  return summary;
}

export async function findTenantId(db: Db, code: string): Promise<string> {
  const t = await db.selectFrom('tenant').select('id').where('code', '=', code).executeTakeFirst();
  if (!t) throw new DomainError(404, 'no-tenant', `no tenant with code ${code}`);
  return t.id;
}
