import type { Actor, Ctx, Operator } from '../../platform/context.ts';
import { type Trx, withTenant } from '../../platform/db/database.ts';
import { Forbidden, NotFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import * as repo from './duplicates.repository.ts';
import { type DuplicateReason, duplicateReasons } from './people.duplicates.ts';
import { peoplePermissions } from './people.policy.ts';
import * as people from './people.repository.ts';
import { type DuplicateCandidate, getPerson, type ReadResult } from './people.service.ts';

export type Action = keyof typeof peoplePermissions;

/** The role may do `action`, or the refusal is audited and thrown. (Shared with merges.service.ts.) */
export async function authorise(ctx: Ctx, action: Action, recordId?: string): Promise<Operator> {
  if (roleMay(peoplePermissions, ctx.actor, action)) return ctx.actor;
  await recordDenied(ctx, { action, recordType: 'person', ...(recordId ? { recordId: recordId.slice(0, 64) } : {}) });
  throw new Forbidden(action);
}

/** Not found (or in another tenant) and restricted files are refused the same way everywhere: audited, then thrown. */
export async function refuse(
  ctx: Ctx,
  action: Action,
  recordId: string,
  reason: 'not-found' | 'confidential',
): Promise<never> {
  await recordDenied(ctx, { action, recordType: 'person', recordId: recordId.slice(0, 64), details: { reason } });
  throw reason === 'not-found' ? new NotFound('person') : new Forbidden(action);
}

/** The same rule as the person file: a confidential file opens for its assigned workers or after a stated reason. */
export async function mayOpen(trx: Trx, ctx: Ctx, actor: Operator, p: { id: string; confidential: boolean }) {
  if (!p.confidential || (await people.isAssigned(trx, p.id, actor.userId))) return true;
  return (await people.findOpenConfidentialAccess(trx, p.id, actor.userId, ctx.clock.now())) !== undefined;
}

export const mayMerge = (actor: Actor): boolean => roleMay(peoplePermissions, actor, 'person.merge');

const fullName = (r: { family_names: string; given_names: string }) => `${r.family_names} ${r.given_names}`;

/** Candidates for an existing record, with reasons, before any "not the same person" filtering. */
async function candidatesOf(trx: Trx, tenantId: string, row: people.PersonRow): Promise<DuplicateCandidate[]> {
  const documents = (await people.listIdentifiers(trx, tenantId, row.id)).map((i) => i.value);
  const rows = await people.findDuplicateCandidates(trx, tenantId, {
    familyNames: row.family_names,
    givenNames: row.given_names,
    taxCode: row.tax_code,
    phone: row.phone,
    documents,
    excludeId: row.id,
  });
  const sex: 'F' | 'M' | null = row.sex === 'F' || row.sex === 'M' ? row.sex : null;
  const probe = { ...row, sex };
  return rows
    .map((r) => ({ id: r.id, name: fullName(r), birthYear: r.birth_year, reasons: duplicateReasons(probe, r) }))
    .filter((c) => c.reasons.length > 0);
}

/**
 * Likely duplicates of a person already on file, each with why it is proposed. Pairs marked "not the
 * same person" and merged records are never proposed. The list shown is audited (ids only).
 */
export async function findDuplicatesOf(ctx: Ctx, personId: string): Promise<DuplicateCandidate[]> {
  const actor = await authorise(ctx, 'person.read', personId);
  const result = !isUuid(personId)
    ? 'not-found'
    : await withTenant(ctx.db, actor.tenantId, async (trx) => {
        const row = await people.findPersonRow(trx, actor.tenantId, personId);
        if (!row) return 'not-found' as const;
        if (!(await mayOpen(trx, ctx, actor, row))) return 'confidential' as const;
        const ignore = new Set(await people.listNotDuplicateOf(trx, personId));
        const found = row.merged_into ? [] : await candidatesOf(trx, actor.tenantId, row);
        const candidates = found.filter((c) => !ignore.has(c.id));
        await recordEvent(trx, ctx, {
          action: 'person.duplicates',
          recordType: 'person',
          recordId: personId,
          details: { candidates: candidates.map((c) => c.id) },
        });
        return candidates;
      });
  if (typeof result === 'string') return refuse(ctx, 'person.read', personId, result);
  return result;
}

/** Why a use case stops before doing anything: the caller audits it as denied and throws. */
export interface Refusal {
  refused: 'not-found' | 'confidential';
  id: string;
}

/** Loads two records of the actor's tenant, both openable by them, or refuses (audited). */
async function loadPair(
  trx: Trx,
  ctx: Ctx,
  actor: Operator,
  a: string,
  b: string,
): Promise<Refusal | { a: people.PersonRow; b: people.PersonRow }> {
  const [ra, rb] = [
    isUuid(a) ? await people.findPersonRow(trx, actor.tenantId, a) : undefined,
    isUuid(b) ? await people.findPersonRow(trx, actor.tenantId, b) : undefined,
  ];
  if (!ra) return { refused: 'not-found' as const, id: a };
  if (!rb) return { refused: 'not-found' as const, id: b };
  if (!(await mayOpen(trx, ctx, actor, ra))) return { refused: 'confidential' as const, id: a };
  if (!(await mayOpen(trx, ctx, actor, rb))) return { refused: 'confidential' as const, id: b };
  return { a: ra, b: rb };
}

export type NotDuplicateResult = { kind: 'marked' } | { kind: 'refused'; reason: 'same-person' | 'merged' };

/** "Not the same person": the pair is stored (a < b) and never proposed again, at creation or on the file. */
export async function markNotDuplicate(ctx: Ctx, a: string, b: string): Promise<NotDuplicateResult> {
  const actor = await authorise(ctx, 'person.update', a);
  if (a === b) return { kind: 'refused', reason: 'same-person' };
  const result = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<Refusal | NotDuplicateResult> => {
    const pair = await loadPair(trx, ctx, actor, a, b);
    if ('refused' in pair) return pair;
    if (pair.a.merged_into || pair.b.merged_into) return { kind: 'refused', reason: 'merged' };
    await repo.insertNotDuplicate(trx, {
      tenantId: actor.tenantId,
      a,
      b,
      decidedBy: actor.userId,
      at: ctx.clock.now(),
    });
    await recordEvent(trx, ctx, {
      action: 'person.not_duplicate',
      recordType: 'person',
      recordId: a,
      details: { other: b },
    });
    return { kind: 'marked' };
  });
  if ('refused' in result) return refuse(ctx, 'person.update', result.id, result.refused);
  return result;
}

export interface MergeEntry {
  id: string;
  survivor: { id: string; name: string };
  merged: { id: string; name: string };
  mergedAt: Date;
  mergedBy: string;
  undoneAt: Date | null;
  undoneBy: string | null;
}

export interface DuplicatesSectionData {
  personId: string;
  mergedInto: string | null;
  candidates: DuplicateCandidate[];
  merges: MergeEntry[];
  mayMerge: boolean;
}

/** What the "Possibili doppioni" section of a person file shows: candidates and the merge history. */
export async function duplicatesSection(ctx: Ctx, personId: string): Promise<DuplicatesSectionData> {
  const candidates = await findDuplicatesOf(ctx, personId);
  const actor = await authorise(ctx, 'person.read', personId);
  const [merges, row] = await withTenant(ctx.db, actor.tenantId, async (trx) =>
    Promise.all([
      repo.listMergesOf(trx, actor.tenantId, personId),
      people.findPersonRow(trx, actor.tenantId, personId),
    ]),
  );
  return {
    personId,
    mergedInto: row?.merged_into ?? null,
    candidates,
    mayMerge: mayMerge(actor),
    merges: merges.map((m) => ({
      id: m.id,
      survivor: { id: m.survivor_id, name: `${m.survivor_family} ${m.survivor_given}` },
      merged: { id: m.merged_id, name: `${m.merged_family} ${m.merged_given}` },
      mergedAt: m.merged_at,
      mergedBy: m.merged_by_name,
      undoneAt: m.undone_at,
      undoneBy: m.undone_by_name,
    })),
  };
}

export interface Comparison {
  a: ReadResult;
  b: ReadResult;
  reasons: DuplicateReason[];
  notDuplicate: boolean;
  mayMerge: boolean;
}

/** Two records side by side. Each opening is audited as a read of that file, like opening it. */
export async function comparePeople(ctx: Ctx, a: string, b: string): Promise<Comparison> {
  const actor = await authorise(ctx, 'person.read', a);
  const [ra, rb] = [await getPerson(ctx, a), await getPerson(ctx, b)];
  const [reasons, notDuplicate] = await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const row = await people.findPersonRow(trx, actor.tenantId, a);
    const found =
      row && ra.kind === 'person' && rb.kind === 'person' ? await candidatesOf(trx, actor.tenantId, row) : [];
    return [found.find((c) => c.id === b)?.reasons ?? [], await people.isNotDuplicatePair(trx, a, b)] as const;
  });
  return { a: ra, b: rb, reasons, notDuplicate, mayMerge: mayMerge(actor) };
}
