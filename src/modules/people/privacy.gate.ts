import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordDenied } from '../audit/index.ts';
import { findPersonFile } from './confidential.repository.ts';
import { peoplePermissions } from './people.policy.ts';
import { findOpenConfidentialAccess, isAssigned } from './people.repository.ts';

export type PeopleAction = keyof typeof peoplePermissions;

/** A confidential file the actor may not open: they must state a reason first (break the glass). */
export class Restricted extends DomainError {
  constructor() {
    super(403, 'confidential', 'Confidential file: state a reason first (POST /api/v1/people/{id}/break-glass)');
  }
}

/** A merged record is kept only so the merge can be undone: new facts go to the surviving file. */
export class MergedRecord extends DomainError {
  constructor(readonly survivorId: string) {
    super(409, 'merged', `This record was merged into ${survivorId}; record it there`);
  }
}

export interface OpenFile {
  actor: Operator;
  personId: string;
  confidential: boolean;
  assigned: boolean;
  /** The actor may read the file's contents (not confidential, assigned, or a reason stated in time). */
  open: boolean;
}

/**
 * Who passes:
 * - `open`: whoever may open the file (a confidential one: assigned workers, or a stated reason in time);
 * - `open-or-coordinator`: as `open`, plus coordinators (they manage assignments without reading the file);
 * - `assigned-or-coordinator`: the file's assigned workers and coordinators, reason or not.
 */
export type Reach = 'open' | 'open-or-coordinator' | 'assigned-or-coordinator';

export interface GateSpec {
  permission: PeopleAction;
  /** The audit action a refusal is recorded under. */
  action: string;
  personId: string;
  reach: Reach;
  /** Writes refuse a merged record. */
  write?: boolean;
}

/** Today's calendar day in Rome, from the injected clock. */
export const todayInRome = (ctx: Pick<Ctx, 'clock'>): string => romeWeekdayAndTime(ctx.clock.now()).date;

function passes(reach: Reach, file: OpenFile): boolean {
  const coordinator = file.actor.role === 'coordinator';
  if (reach === 'open') return file.open;
  if (reach === 'open-or-coordinator') return file.open || coordinator;
  return file.assigned || coordinator;
}

/**
 * Runs `fn` in a tenant transaction once the actor may act on the person's file; otherwise the
 * refusal is audited (outcome `denied`, with the reason) and thrown: no permission → 403, unknown
 * id or another tenant's person → 404, confidential file not opened → 403 `confidential`.
 */
export async function withPersonFile<T>(
  ctx: Ctx,
  spec: GateSpec,
  fn: (trx: Trx, file: OpenFile) => Promise<T>,
): Promise<T> {
  const deny = (reason: string) =>
    recordDenied(ctx, {
      action: spec.action,
      recordType: 'person',
      recordId: spec.personId.slice(0, 64),
      details: { reason },
    });
  const actor = ctx.actor;
  if (!roleMay(peoplePermissions, actor, spec.permission)) {
    await deny('role');
    throw new Forbidden(spec.permission);
  }
  type Outcome = { ok: true; value: T } | { ok: false; reason: 'not-found' | 'confidential' | 'not-assigned' };
  const outcome = isUuid(spec.personId)
    ? await withTenant(ctx.db, actor.tenantId, async (trx): Promise<Outcome> => {
        const person = await findPersonFile(trx, actor.tenantId, spec.personId);
        if (!person) return { ok: false, reason: 'not-found' };
        if (spec.write && person.merged_into) throw new MergedRecord(person.merged_into);
        const assigned = await isAssigned(trx, person.id, actor.userId);
        const open =
          !person.confidential ||
          assigned ||
          (await findOpenConfidentialAccess(trx, person.id, actor.userId, ctx.clock.now())) !== undefined;
        const file: OpenFile = { actor, personId: person.id, confidential: person.confidential, assigned, open };
        if (!passes(spec.reach, file))
          return { ok: false, reason: spec.reach === 'assigned-or-coordinator' ? 'not-assigned' : 'confidential' };
        return { ok: true, value: await fn(trx, file) };
      })
    : ({ ok: false, reason: 'not-found' } as const);
  if (outcome.ok) return outcome.value;
  await deny(outcome.reason);
  if (outcome.reason === 'not-found') throw new NotFound('person');
  if (outcome.reason === 'confidential') throw new Restricted();
  throw new Forbidden(spec.action);
}
