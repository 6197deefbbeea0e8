import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

export interface NewAuditEvent {
  tenantId: string | null;
  actorUserId: string | null;
  actorKind: 'user' | 'token' | 'system' | 'anonymous';
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  recordType: string | null;
  recordId: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

/** Appends through the SQL function, which chains the hash under a transaction-level lock. */
export async function appendEvent(db: Executor, e: NewAuditEvent): Promise<number> {
  const result = await sql<{ seq: string }>`SELECT audit_append(
    ${e.tenantId}::uuid, ${e.actorUserId}::uuid, ${e.actorKind}, ${e.action}, ${e.outcome},
    ${e.recordType}, ${e.recordId}, ${e.requestId}, ${JSON.stringify(e.details)}::jsonb) AS seq`.execute(db);
  return Number(result.rows[0]?.seq);
}

export interface AuditFilter {
  action?: string | undefined;
  username?: string | undefined;
  recordId?: string | undefined;
  outcome?: 'ok' | 'denied' | 'failed' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Keyset pagination: events with seq below this one. */
  before?: number | undefined;
  limit: number;
}

export async function listEvents(db: Executor, tenantId: string, f: AuditFilter) {
  let q = db
    .selectFrom('audit_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select([
      'e.seq',
      'e.occurred_at',
      'e.actor_kind',
      'u.username',
      'e.action',
      'e.outcome',
      'e.record_type',
      'e.record_id',
      'e.request_id',
    ])
    .where('e.tenant_id', '=', tenantId)
    .orderBy('e.seq', 'desc')
    .limit(f.limit);
  if (f.action) q = q.where('e.action', '=', f.action);
  if (f.username) q = q.where('u.username', '=', f.username);
  if (f.recordId) q = q.where('e.record_id', '=', f.recordId);
  if (f.outcome) q = q.where('e.outcome', '=', f.outcome);
  if (f.from) q = q.where('e.occurred_at', '>=', f.from);
  if (f.to) q = q.where('e.occurred_at', '<', f.to);
  if (f.before !== undefined) q = q.where('e.seq', '<', String(f.before) as never);
  const rows = await q.execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }));
}

export interface ChainRow {
  seq: number;
  prev_hash: string;
  hash: string;
  computed: string;
}

/** Reads the whole chain in order, recomputing each hash in the database with the same function. */
export async function* readChain(db: Executor, batch = 5000): AsyncGenerator<ChainRow> {
  let after = 0;
  for (;;) {
    const rows = await sql<{ seq: string; prev_hash: string; hash: string; computed: string }>`
      SELECT seq, prev_hash, hash,
             audit_event_hash(seq, prev_hash, occurred_at, tenant_id, actor_user_id, actor_kind, action, outcome,
                              record_type, record_id, request_id, details) AS computed
      FROM audit_event WHERE seq > ${after} ORDER BY seq LIMIT ${batch}`.execute(db);
    for (const r of rows.rows) yield { ...r, seq: Number(r.seq) };
    if (rows.rows.length < batch) return;
    after = Number(rows.rows[rows.rows.length - 1]?.seq);
  }
}
