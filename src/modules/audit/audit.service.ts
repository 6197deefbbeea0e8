import { type Ctx, isOperator } from '../../platform/context.ts';
import { type Db, type Executor, withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { roleMay } from '../../platform/policy.ts';
import { auditPermissions } from './audit.policy.ts';
import { type AuditFilter, appendEvent, listEvents, readChain } from './audit.repository.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  recordType?: string;
  recordId?: string;
  /** Ids and codes only — never names, tax codes or free text about a person. */
  details?: Record<string, unknown>;
}

/**
 * Records one event in the caller's transaction, so the event exists if and only if the change does.
 * A denied attempt is recorded in its own transaction by the caller (see recordDenied).
 */
export async function recordEvent(trx: Executor, ctx: Pick<Ctx, 'actor' | 'requestId'>, entry: AuditEntry) {
  const actor = ctx.actor;
  return appendEvent(trx, {
    tenantId: actor.tenantId ?? null,
    actorUserId: isOperator(actor) ? actor.userId : null,
    actorKind: actor.kind,
    action: entry.action,
    outcome: entry.outcome ?? 'ok',
    recordType: entry.recordType ?? null,
    recordId: entry.recordId ?? null,
    requestId: ctx.requestId,
    details: entry.details ?? {},
  });
}

/** A refused attempt must stay on record even though the request fails. */
export async function recordDenied(ctx: Ctx, entry: Omit<AuditEntry, 'outcome'>): Promise<void> {
  const tenantId = ctx.actor.tenantId;
  if (tenantId) await withTenant(ctx.db, tenantId, (trx) => recordEvent(trx, ctx, { ...entry, outcome: 'denied' }));
  else await ctx.db.transaction().execute((trx) => recordEvent(trx, ctx, { ...entry, outcome: 'denied' }));
}

export type AuditRow = Awaited<ReturnType<typeof listEvents>>[number];

export type AuditQuery = Omit<AuditFilter, 'limit'> & { limit?: number };

export async function listAuditEvents(ctx: Ctx, query: AuditQuery) {
  const actor = ctx.actor;
  if (!roleMay(auditPermissions, actor, 'audit.read')) {
    await recordDenied(ctx, { action: 'audit.read' });
    throw new Forbidden('audit.read');
  }
  const limit = Math.min(query.limit ?? 50, 200);
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    // Reading the log is itself logged: who looked, with which filter.
    await recordEvent(trx, ctx, { action: 'audit.read', details: { filter: Object.keys(query) } });
    return listEvents(trx, actor.tenantId, { ...query, limit });
  });
}

export type VerifyResult =
  | { ok: true; events: number }
  | { ok: false; events: number; firstBad: number; reason: 'hash-mismatch' | 'broken-link' | 'gap' };

/**
 * Walks the chain from the first event. An altered row fails its own hash; a removed or inserted row
 * breaks the link (prev_hash) or the numbering of the row after it.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let previous = { seq: 0, hash: '0'.repeat(64) };
  let count = 0;
  for await (const row of readChain(db)) {
    count++;
    if (row.computed !== row.hash) return { ok: false, events: count, firstBad: row.seq, reason: 'hash-mismatch' };
    if (row.prev_hash !== previous.hash) return { ok: false, events: count, firstBad: row.seq, reason: 'broken-link' };
    if (row.seq !== previous.seq + 1) return { ok: false, events: count, firstBad: row.seq, reason: 'gap' };
    previous = row;
  }
  return { ok: true, events: count };
}
