import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as repo from './confidential.repository.ts';
import { peoplePermissions } from './people.policy.ts';
import { type OpenFile, withPersonFile } from './privacy.gate.ts';
import type { Assignment } from './privacy.schema.ts';
import type { PrivacyFieldError } from './privacy.validation.ts';

/** Only roles that may read files can be assigned to one. */
const WORKER_ROLES = peoplePermissions['person.read'];

export interface AssignmentsView {
  personId: string;
  confidential: boolean;
  /** A confidential file the actor has not opened (a coordinator managing assignments). */
  restricted: boolean;
  items: Assignment[];
  /** Workers of the tenant not yet assigned, for the "assign" form; empty when the actor may not manage. */
  candidates: { userId: string; name: string; role: string }[];
  mayManage: boolean;
}

const mayManage = (actor: Operator, file: OpenFile) =>
  roleMay(peoplePermissions, actor, 'person.update') && (file.assigned || actor.role === 'coordinator');

/** The assignments of a file, read inside the caller's transaction (the caller audits the read). */
export async function assignmentsView(trx: Trx, file: OpenFile): Promise<AssignmentsView> {
  const tenantId = file.actor.tenantId;
  const rows = await repo.listAssignments(trx, tenantId, file.personId);
  const manage = mayManage(file.actor, file);
  const assigned = new Set(rows.map((r) => r.user_id));
  const workers = manage ? await repo.listWorkers(trx, tenantId, WORKER_ROLES) : [];
  return {
    personId: file.personId,
    confidential: file.confidential,
    restricted: !file.open,
    items: rows.map(presentAssignment),
    candidates: workers
      .filter((w) => !assigned.has(w.user_id))
      .map((w) => ({ userId: w.user_id, name: w.display_name, role: w.role })),
    mayManage: manage,
  };
}

/** Who is assigned to a person. Coordinators see it without opening a confidential file. */
export async function listAssignments(ctx: Ctx, personId: string): Promise<AssignmentsView> {
  return withPersonFile(
    ctx,
    { permission: 'person.read', action: 'privacy.read', personId, reach: 'open-or-coordinator' },
    async (trx, file) => {
      await recordEvent(trx, ctx, {
        action: 'privacy.read',
        recordType: 'person',
        recordId: personId,
        details: { part: 'assignments' },
      });
      return assignmentsView(trx, file);
    },
  );
}

export type AssignResult =
  | { kind: 'assigned'; created: boolean; assignment: Assignment }
  | { kind: 'invalid'; errors: PrivacyFieldError[] };

const presentAssignment = (r: repo.AssignmentRow): Assignment => ({
  userId: r.user_id,
  name: r.display_name,
  role: r.role ?? 'former',
  assignedAt: r.assigned_at.toISOString(),
});

/** Assigns a worker of the same tenant. The actor must be assigned to the person, or be a coordinator. */
export async function assignWorker(ctx: Ctx, personId: string, userId: string): Promise<AssignResult> {
  const spec = {
    permission: 'person.update',
    action: 'person.assign',
    personId,
    reach: 'assigned-or-coordinator',
    write: true,
  } as const;
  return withPersonFile(ctx, spec, async (trx, file): Promise<AssignResult> => {
    const tenantId = file.actor.tenantId;
    // Another tenant's user is invisible here (row-level security), so it reads as "not a worker".
    if (!isUuid(userId) || !(await repo.findWorker(trx, tenantId, userId, WORKER_ROLES)))
      return { kind: 'invalid', errors: [{ field: 'userId', code: 'notAWorker' }] };
    const created = await repo.insertAssignment(trx, tenantId, personId, userId, ctx.clock.now());
    if (created)
      await recordEvent(trx, ctx, {
        action: 'person.assign',
        recordType: 'person',
        recordId: personId,
        details: { userId },
      });
    const row = (await repo.listAssignments(trx, tenantId, personId)).find((r) => r.user_id === userId);
    if (!row) throw new Error('assignment vanished after insert');
    return { kind: 'assigned', created, assignment: presentAssignment(row) };
  });
}

export type UnassignResult =
  | { kind: 'unassigned' }
  | { kind: 'not-assigned' }
  | { kind: 'invalid'; errors: PrivacyFieldError[] };

/** Removes a worker; a confidential file keeps at least one, or nobody could open it without a reason. */
export async function unassignWorker(ctx: Ctx, personId: string, userId: string): Promise<UnassignResult> {
  const spec = {
    permission: 'person.update',
    action: 'person.unassign',
    personId,
    reach: 'assigned-or-coordinator',
    write: true,
  } as const;
  return withPersonFile(ctx, spec, async (trx, file): Promise<UnassignResult> => {
    const tenantId = file.actor.tenantId;
    await repo.lockPersonFile(trx, tenantId, personId);
    const current = await repo.listAssignments(trx, tenantId, personId);
    if (file.confidential && current.length === 1 && current[0]?.user_id === userId)
      return { kind: 'invalid', errors: [{ field: 'userId', code: 'lastAssignee' }] };
    if (!isUuid(userId) || !(await repo.deleteAssignment(trx, tenantId, personId, userId)))
      return { kind: 'not-assigned' };
    await recordEvent(trx, ctx, {
      action: 'person.unassign',
      recordType: 'person',
      recordId: personId,
      details: { userId },
    });
    return { kind: 'unassigned' };
  });
}

export interface Opening {
  id: string;
  personId: string;
  user: { id: string; name: string };
  reason: string;
  openedAt: Date;
  expiresAt: Date;
  reviewed: { by: string; at: Date } | null;
  /** The coordinator's own opening: another coordinator reviews it. */
  own: boolean;
}

const OPENINGS_SHOWN = 200;

async function authoriseReview(ctx: Ctx, action: string, recordId?: string): Promise<Operator> {
  if (roleMay(peoplePermissions, ctx.actor, 'confidential.review')) return ctx.actor;
  await recordDenied(ctx, {
    action,
    recordType: 'confidential_access',
    ...(recordId ? { recordId: recordId.slice(0, 64) } : {}),
    details: { reason: 'role' },
  });
  throw new Forbidden('confidential.review');
}

/** The coordinator's list of break-the-glass openings: unreviewed first, then newest first. Audited. */
export async function listOpenings(ctx: Ctx): Promise<Opening[]> {
  const actor = await authoriseReview(ctx, 'confidential.list');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const rows = await repo.listOpenings(trx, actor.tenantId, OPENINGS_SHOWN);
    // The reasons may describe people: who read them is on record.
    await recordEvent(trx, ctx, {
      action: 'confidential.list',
      recordType: 'confidential_access',
      details: { accesses: rows.map((r) => r.id) },
    });
    return rows.map((r) => ({
      id: r.id,
      personId: r.person_id,
      user: { id: r.user_id, name: r.user_name },
      reason: r.reason,
      openedAt: r.opened_at,
      expiresAt: r.expires_at,
      reviewed: r.reviewed_at ? { by: r.reviewer_name ?? '', at: r.reviewed_at } : null,
      own: r.user_id === actor.userId,
    }));
  });
}

/** "Visto": the coordinator has read the stated reason. Nobody reviews their own opening. */
export async function reviewOpening(ctx: Ctx, accessId: string): Promise<{ kind: 'reviewed' | 'already-reviewed' }> {
  const actor = await authoriseReview(ctx, 'confidential.review', accessId);
  const result = isUuid(accessId)
    ? await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const opening = await repo.findOpening(trx, actor.tenantId, accessId);
        if (!opening) return 'not-found' as const;
        if (opening.user_id === actor.userId) return 'own' as const;
        const marked = await repo.markOpeningReviewed(trx, actor.tenantId, accessId, actor.userId, ctx.clock.now());
        if (!marked) return 'already-reviewed' as const;
        await recordEvent(trx, ctx, {
          action: 'confidential.review',
          recordType: 'confidential_access',
          recordId: accessId,
          details: { person: opening.person_id },
        });
        return 'reviewed' as const;
      })
    : ('not-found' as const);
  if (result === 'reviewed' || result === 'already-reviewed') return { kind: result };
  await recordDenied(ctx, {
    action: 'confidential.review',
    recordType: 'confidential_access',
    recordId: accessId.slice(0, 64),
    details: { reason: result },
  });
  if (result === 'own') throw new Forbidden('confidential.review');
  throw new NotFound('confidential access');
}

/** How many openings wait for this coordinator's review (for the operator home). Not audited: a count. */
export async function countOpeningsToReview(ctx: Ctx): Promise<number> {
  const actor = await authoriseReview(ctx, 'confidential.count');
  return withTenant(ctx.db, actor.tenantId, (trx) => repo.countUnreviewedOpenings(trx, actor.tenantId, actor.userId));
}
