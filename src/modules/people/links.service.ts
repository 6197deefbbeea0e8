import type { Ctx } from '../../platform/context.ts';
import { NotFound } from '../../platform/errors.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './households.repository.ts';
import { type HouseholdError, LINK_KINDS } from './households.schema.ts';
import { authorise, checkDate, guarded, openablePerson } from './households.service.ts';

export type LinkWrite =
  | { kind: 'done'; linkId: string }
  | { kind: 'invalid'; errors: HouseholdError[] }
  | { kind: 'already-linked' };

/**
 * Links two people who live together (or care for each other) outside the ISEE household — what the
 * household declaration leaves out but a social worker needs to know.
 */
export async function linkPeople(
  ctx: Ctx,
  input: { personId: string; otherPersonId: string; kind?: string; since?: string },
): Promise<LinkWrite> {
  const actor = await authorise(ctx, 'household.manage');
  const kind = input.kind ?? 'cohabitant';
  const errors: HouseholdError[] = [];
  if (!(LINK_KINDS as readonly string[]).includes(kind)) errors.push({ field: 'kind', code: 'invalid' });
  if (!isUuid(input.otherPersonId)) errors.push({ field: 'otherPersonId', code: 'invalid' });
  else if (input.otherPersonId === input.personId) errors.push({ field: 'otherPersonId', code: 'samePerson' });
  const since = checkDate(ctx, 'since', input.since, errors);
  if (errors.length) return { kind: 'invalid', errors };
  return guarded(ctx, actor, async (trx): Promise<LinkWrite> => {
    for (const id of [input.personId, input.otherPersonId]) await openablePerson(trx, ctx, actor, id);
    const existing = await repo.listLinksOf(trx, actor.tenantId, input.personId);
    if (existing.some((l) => l.other_id === input.otherPersonId && l.until === null)) return { kind: 'already-linked' };
    const id = newId();
    await repo.insertLink(trx, {
      id,
      tenantId: actor.tenantId,
      personId: input.personId,
      otherPersonId: input.otherPersonId,
      kind,
      since,
    });
    await recordEvent(trx, ctx, {
      action: 'person.link',
      recordType: 'person',
      recordId: input.personId,
      details: { link: id, other: input.otherPersonId, kind },
    });
    return { kind: 'done', linkId: id };
  });
}

/** Ends a link (it stays as history with its end date). */
export async function unlinkPeople(ctx: Ctx, linkId: string, input: { until?: string } = {}): Promise<LinkWrite> {
  const actor = await authorise(ctx, 'household.manage');
  const errors: HouseholdError[] = [];
  const until = checkDate(ctx, 'until', input.until, errors);
  if (errors.length) return { kind: 'invalid', errors };
  return guarded(ctx, actor, async (trx): Promise<LinkWrite> => {
    const link = isUuid(linkId) ? await repo.findLink(trx, actor.tenantId, linkId) : undefined;
    if (!link || link.until !== null) throw new NotFound('link');
    if (link.since && until < link.since)
      return { kind: 'invalid', errors: [{ field: 'until', code: 'leftBeforeJoined' }] };
    await repo.endLink(trx, actor.tenantId, linkId, until);
    await recordEvent(trx, ctx, {
      action: 'person.unlink',
      recordType: 'person',
      recordId: link.person_id,
      details: { link: linkId, other: link.other_person_id },
    });
    return { kind: 'done', linkId };
  });
}
