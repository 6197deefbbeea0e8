import type { Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { DomainError, Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { romeWeekdayAndTime, startOfRomeDay } from '../../platform/time.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as repo from './households.repository.ts';
import {
  type Household,
  type HouseholdError,
  type HouseholdOf,
  type HouseholdWrite,
  type LinkKind,
  type LinkView,
  MEMBER_RELATIONSHIPS,
  type MemberView,
  type Relationship,
} from './households.schema.ts';
import { peoplePermissions } from './people.policy.ts';
import { mayOpen } from './people.service.ts';

type Action = 'household.manage' | 'person.read';

export async function authorise(ctx: Ctx, action: Action, recordId?: string): Promise<Operator> {
  const actor = ctx.actor;
  if (roleMay(peoplePermissions, actor, action)) return actor;
  await recordDenied(ctx, { action, recordType: 'household', ...(recordId ? { recordId } : {}) });
  throw new Forbidden(action);
}

export const today = (ctx: Ctx) => romeWeekdayAndTime(ctx.clock.now()).date;

/** A calendar date the operator typed: real, not before 1900, not in the future. */
export function checkDate(
  ctx: Ctx,
  field: HouseholdError['field'],
  value: string | undefined,
  errors: HouseholdError[],
) {
  const date = value?.trim() || today(ctx);
  if (!startOfRomeDay(date) || date < '1900-01-01') errors.push({ field, code: 'dateInvalid' });
  else if (date > today(ctx)) errors.push({ field, code: 'dateFuture' });
  return date;
}

const view = (m: repo.MemberRow): MemberView => ({
  personId: m.person_id,
  name: `${m.family_names} ${m.given_names}`,
  birthYear: m.birth_year,
  confidential: m.confidential,
  relationship: m.relationship as Relationship,
  joinedOn: m.joined_on,
  leftOn: m.left_on,
});

async function loadHousehold(trx: Trx, tenantId: string, id: string): Promise<Household | undefined> {
  const row = await repo.findHousehold(trx, tenantId, id);
  if (!row) return undefined;
  const rows = await repo.listMembers(trx, tenantId, id);
  const current = rows.filter((m) => m.left_on === null);
  return {
    id: row.id,
    createdAt: row.created_at.toISOString(),
    referencePersonId: current.find((m) => m.relationship === 'reference')?.person_id ?? null,
    members: current.map(view),
    formerMembers: rows.filter((m) => m.left_on !== null).map(view),
  };
}

/** A change to a confidential person's household is refused to those who may not open their file. */
class ConfidentialPerson extends DomainError {
  constructor(readonly personId: string) {
    super(403, 'confidential', 'Confidential file: state a reason to open it first');
  }
}

/**
 * Runs a household or link change. A concurrent second membership caught by the unique index is a
 * clear answer, not an error; a refusal on a confidential file is audited outside the failed transaction.
 */
export async function guarded<T>(
  ctx: Ctx,
  actor: Operator,
  fn: (trx: Trx) => Promise<T>,
  onSecondMembership?: () => T,
): Promise<T> {
  try {
    return await withTenant(ctx.db, actor.tenantId, fn);
  } catch (err) {
    if (onSecondMembership && repo.isUniqueViolation(err, repo.CURRENT_MEMBERSHIP_INDEX)) return onSecondMembership();
    if (err instanceof ConfidentialPerson) {
      await recordDenied(ctx, {
        action: 'household.manage',
        recordType: 'person',
        recordId: err.personId,
        details: { reason: 'confidential' },
      });
    }
    throw err;
  }
}

const write = (ctx: Ctx, actor: Operator, fn: (trx: Trx) => Promise<HouseholdWrite>) =>
  guarded<HouseholdWrite>(ctx, actor, fn, () => ({ kind: 'already-member', householdId: null }));

/** A person whose household may be changed by this operator: in the tenant, not merged, openable. */
export async function openablePerson(trx: Trx, ctx: Ctx, actor: Operator, id: string) {
  const person = isUuid(id) ? await repo.findLivePerson(trx, actor.tenantId, id) : undefined;
  if (!person) throw new NotFound('person');
  if (!(await mayOpen(trx, ctx, actor, person))) throw new ConfidentialPerson(id);
  return person;
}

async function done(trx: Trx, tenantId: string, householdId: string): Promise<HouseholdWrite> {
  const household = await loadHousehold(trx, tenantId, householdId);
  if (!household) throw new Error('household vanished');
  return { kind: 'done', household };
}

/** Opens a household with this person as its reference person. */
export async function createHousehold(
  ctx: Ctx,
  referencePersonId: string,
  input: { joinedOn?: string } = {},
): Promise<HouseholdWrite> {
  const actor = await authorise(ctx, 'household.manage');
  const errors: HouseholdError[] = [];
  const joinedOn = checkDate(ctx, 'joinedOn', input.joinedOn, errors);
  if (errors.length) return { kind: 'invalid', errors };
  return write(ctx, actor, async (trx) => {
    await openablePerson(trx, ctx, actor, referencePersonId);
    const current = await repo.findCurrentMembership(trx, actor.tenantId, referencePersonId);
    if (current) return { kind: 'already-member', householdId: current.household_id };
    const id = newId();
    await repo.insertHousehold(trx, actor.tenantId, id, ctx.clock.now());
    await repo.insertMember(trx, {
      id: newId(),
      tenantId: actor.tenantId,
      householdId: id,
      personId: referencePersonId,
      relationship: 'reference',
      joinedOn,
    });
    const result = await done(trx, actor.tenantId, id);
    // The audit append takes the chain lock until commit: it comes last.
    await recordEvent(trx, ctx, {
      action: 'household.create',
      recordType: 'household',
      recordId: id,
      details: { reference: referencePersonId },
    });
    return result;
  });
}

async function existingHousehold(trx: Trx, tenantId: string, id: string) {
  const found = isUuid(id) ? await repo.findHousehold(trx, tenantId, id) : undefined;
  if (!found) throw new NotFound('household');
}

export async function addMember(
  ctx: Ctx,
  householdId: string,
  input: { personId: string; relationship: string; joinedOn?: string },
): Promise<HouseholdWrite> {
  const actor = await authorise(ctx, 'household.manage', isUuid(householdId) ? householdId : undefined);
  const errors: HouseholdError[] = [];
  if (!(MEMBER_RELATIONSHIPS as readonly string[]).includes(input.relationship))
    errors.push({ field: 'relationship', code: 'invalid' });
  if (!isUuid(input.personId)) errors.push({ field: 'personId', code: 'invalid' });
  const joinedOn = checkDate(ctx, 'joinedOn', input.joinedOn, errors);
  if (errors.length) return { kind: 'invalid', errors };
  return write(ctx, actor, async (trx) => {
    await existingHousehold(trx, actor.tenantId, householdId);
    await openablePerson(trx, ctx, actor, input.personId);
    const current = await repo.findCurrentMembership(trx, actor.tenantId, input.personId);
    if (current) return { kind: 'already-member', householdId: current.household_id };
    await repo.insertMember(trx, {
      id: newId(),
      tenantId: actor.tenantId,
      householdId,
      personId: input.personId,
      relationship: input.relationship,
      joinedOn,
    });
    const result = await done(trx, actor.tenantId, householdId);
    await recordEvent(trx, ctx, {
      action: 'household.member_add',
      recordType: 'household',
      recordId: householdId,
      details: { person: input.personId, relationship: input.relationship },
    });
    return result;
  });
}

/** A member leaves: the membership gets its end date and stays as history. */
export async function removeMember(
  ctx: Ctx,
  householdId: string,
  personId: string,
  input: { leftOn?: string } = {},
): Promise<HouseholdWrite> {
  const actor = await authorise(ctx, 'household.manage', isUuid(householdId) ? householdId : undefined);
  const errors: HouseholdError[] = [];
  const leftOn = checkDate(ctx, 'leftOn', input.leftOn, errors);
  if (errors.length) return { kind: 'invalid', errors };
  return write(ctx, actor, async (trx) => {
    await existingHousehold(trx, actor.tenantId, householdId);
    await openablePerson(trx, ctx, actor, personId);
    const current = await repo.findCurrentMembership(trx, actor.tenantId, personId);
    if (!current || current.household_id !== householdId) return { kind: 'not-member' };
    if (leftOn < current.joined_on) return { kind: 'invalid', errors: [{ field: 'leftOn', code: 'leftBeforeJoined' }] };
    if (current.relationship === 'reference') {
      const household = await loadHousehold(trx, actor.tenantId, householdId);
      if ((household?.members.length ?? 0) > 1) return { kind: 'reference-must-change-first' };
    }
    await repo.closeMembership(trx, actor.tenantId, current.id, leftOn);
    const result = await done(trx, actor.tenantId, householdId);
    await recordEvent(trx, ctx, {
      action: 'household.member_leave',
      recordType: 'household',
      recordId: householdId,
      details: { person: personId },
    });
    return result;
  });
}

/**
 * Another current member becomes the reference person. The previous reference stays a member with
 * the relationship given (to the new reference); other members' relationships are left for the
 * operator to review, as the DSU is re-declared.
 */
export async function changeReference(
  ctx: Ctx,
  householdId: string,
  input: { personId: string; previousReferenceRelationship?: string },
): Promise<HouseholdWrite> {
  const actor = await authorise(ctx, 'household.manage', isUuid(householdId) ? householdId : undefined);
  const previousAs = input.previousReferenceRelationship ?? 'other';
  if (!(MEMBER_RELATIONSHIPS as readonly string[]).includes(previousAs))
    return { kind: 'invalid', errors: [{ field: 'relationship', code: 'invalid' }] };
  return write(ctx, actor, async (trx) => {
    await existingHousehold(trx, actor.tenantId, householdId);
    await openablePerson(trx, ctx, actor, input.personId);
    const next = await repo.findCurrentMembership(trx, actor.tenantId, input.personId);
    if (!next || next.household_id !== householdId) return { kind: 'not-member' };
    if (next.relationship === 'reference') return done(trx, actor.tenantId, householdId);
    const household = await loadHousehold(trx, actor.tenantId, householdId);
    const previousId = household?.referencePersonId;
    const previous = previousId ? await repo.findCurrentMembership(trx, actor.tenantId, previousId) : undefined;
    // Order matters: the household may have one current reference at a time (unique index).
    if (previous) await repo.setRelationship(trx, actor.tenantId, previous.id, previousAs);
    await repo.setRelationship(trx, actor.tenantId, next.id, 'reference');
    const result = await done(trx, actor.tenantId, householdId);
    await recordEvent(trx, ctx, {
      action: 'household.reference_change',
      recordType: 'household',
      recordId: householdId,
      details: { reference: input.personId, previous: previousId ?? null, previousAs },
    });
    return result;
  });
}

const linkView = (l: repo.LinkRow): LinkView => ({
  id: l.id,
  personId: l.other_id,
  name: `${l.family_names} ${l.given_names}`,
  birthYear: l.birth_year,
  confidential: l.confidential,
  kind: l.kind as LinkKind,
  since: l.since,
  until: l.until,
});

/**
 * The household a person belongs to (current members and those who left), the person's past
 * memberships and the people linked to them outside the household. Audited as a read of the person;
 * a confidential person's household is shown only to those who may open the file.
 */
export async function getHouseholdOf(
  ctx: Ctx,
  personId: string,
): Promise<{ kind: 'household'; value: HouseholdOf } | { kind: 'restricted' }> {
  const actor = await authorise(ctx, 'person.read', isUuid(personId) ? personId : undefined);
  const result = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const person = isUuid(personId) ? await repo.findLivePerson(trx, actor.tenantId, personId) : undefined;
    if (!person) return undefined;
    if (!(await mayOpen(trx, ctx, actor, person))) return { kind: 'restricted' as const };
    const membership = await repo.findCurrentMembership(trx, actor.tenantId, personId);
    const household = membership ? await loadHousehold(trx, actor.tenantId, membership.household_id) : undefined;
    const links = (await repo.listLinksOf(trx, actor.tenantId, personId)).map(linkView);
    const past = await repo.listPastMemberships(trx, actor.tenantId, personId);
    await recordEvent(trx, ctx, {
      action: 'household.read',
      recordType: 'person',
      recordId: personId,
      details: {
        household: household?.id ?? null,
        members: household?.members.map((m) => m.personId) ?? [],
        links: links.map((l) => l.personId),
      },
    });
    const value: HouseholdOf = {
      personId,
      household: household ?? null,
      pastMemberships: past.map((m) => ({ ...view(m), householdId: m.household_id })),
      links: links.filter((l) => l.until === null),
      formerLinks: links.filter((l) => l.until !== null),
    };
    return { kind: 'household' as const, value };
  });
  if (!result || result.kind === 'restricted') {
    await recordDenied(ctx, {
      action: 'household.read',
      recordType: 'person',
      recordId: personId.slice(0, 64),
      details: { reason: result ? 'confidential' : 'not-found' },
    });
    if (!result) throw new NotFound('person');
  }
  return result;
}
