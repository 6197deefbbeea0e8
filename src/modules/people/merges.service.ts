import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { isUuid, newId } from '../../platform/ids.ts';
import { romeWeekdayAndTime } from '../../platform/time.ts';
import { recordEvent } from '../audit/index.ts';
import {
  countByTable,
  fillFromMerged,
  type MergeLedger,
  moveReferences,
  restoreReferences,
  survivorRestore,
} from './duplicates.merge.ts';
import * as repo from './duplicates.repository.ts';
import { authorise, mayOpen, type Refusal, refuse } from './duplicates.service.ts';

/**
 * Merge and unmerge: the use cases. The row-by-row mechanics are in duplicates.merge.ts, the SQL in
 * duplicates.repository.ts; proposals and "not the same person" in duplicates.service.ts.
 */

export interface MergeInput {
  survivorId: string;
  mergedId: string;
  /** The versions the operator compared; a change since then refuses the merge ('stale'). */
  survivorVersion?: number | undefined;
  mergedVersion?: number | undefined;
}
export interface MergeSummary {
  mergeId: string;
  survivorId: string;
  mergedId: string;
  moved: Record<string, number>;
  filled: string[];
}
export type MergeResult =
  | { kind: 'merged'; merge: MergeSummary }
  | { kind: 'refused'; reason: 'same-person' | 'already-merged' | 'stale' };

/**
 * Merges two records of the same person: everything linked to `mergedId` moves to `survivorId`, the
 * survivor fills what it lacks from the merged record (see fillFromMerged), the merged record points
 * at the survivor and stays for unmerge. One transaction; person_merge records exactly what moved.
 */
export async function mergePeople(ctx: Ctx, input: MergeInput): Promise<MergeResult> {
  const actor = await authorise(ctx, 'person.merge', input.mergedId);
  const { survivorId, mergedId } = input;
  if (survivorId === mergedId) return { kind: 'refused', reason: 'same-person' };
  const result = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<Refusal | MergeResult> => {
    const locked =
      isUuid(survivorId) && isUuid(mergedId) ? await repo.lockPeople(trx, actor.tenantId, [survivorId, mergedId]) : [];
    const survivor = locked.find((p) => p.id === survivorId);
    const merged = locked.find((p) => p.id === mergedId);
    if (!survivor) return { refused: 'not-found' as const, id: survivorId };
    if (!merged) return { refused: 'not-found' as const, id: mergedId };
    for (const p of [survivor, merged])
      if (!(await mayOpen(trx, ctx, actor, p))) return { refused: 'confidential' as const, id: p.id };
    if (survivor.merged_into || merged.merged_into) return { kind: 'refused', reason: 'already-merged' } as const;
    const stale =
      (input.survivorVersion !== undefined && input.survivorVersion !== survivor.version) ||
      (input.mergedVersion !== undefined && input.mergedVersion !== merged.version);
    if (stale) return { kind: 'refused', reason: 'stale' } as const;

    const now = ctx.clock.now();
    const rows = await moveReferences(trx, actor.tenantId, mergedId, survivorId, romeWeekdayAndTime(now).date);
    const filled = fillFromMerged(survivor.row, merged.row);
    // The merged record lets go of its tax code (unique among unmerged records) before the survivor takes it.
    await repo.setPersonColumns(trx, actor.tenantId, mergedId, { merged_into: survivorId }, now);
    await repo.setPersonColumns(trx, actor.tenantId, survivorId, filled, now);
    const mergeId = newId();
    const ledger: MergeLedger = { rows, filled };
    await repo.insertMerge(trx, {
      id: mergeId,
      tenantId: actor.tenantId,
      survivorId,
      mergedId,
      mergedBy: actor.userId,
      mergedAt: now,
      moved: ledger,
      survivorBefore: survivor.row,
    });
    const merge: MergeSummary = {
      mergeId,
      survivorId,
      mergedId,
      moved: countByTable(rows),
      filled: Object.keys(filled),
    };
    for (const recordId of [survivorId, mergedId]) {
      await recordEvent(trx, ctx, {
        action: 'person.merge',
        recordType: 'person',
        recordId,
        details: { merge: mergeId, survivor: survivorId, merged: mergedId, moved: merge.moved, filled: merge.filled },
      });
    }
    return { kind: 'merged', merge } as const;
  });
  if ('refused' in result) return refuse(ctx, 'person.merge', result.id, result.refused);
  return result;
}

export type UnmergeResult =
  | {
      kind: 'unmerged';
      survivorId: string;
      mergedId: string;
      /** Rows changed or deleted since the merge, left where they are. */
      notRestored: { table: string; op: string }[];
      /** Survivor columns edited since the merge, which keep the edit. */
      keptFields: string[];
    }
  | { kind: 'refused'; reason: 'already-undone' | 'survivor-merged'; survivorId: string };

/**
 * Undoes a merge: every recorded row goes back to the merged record, the survivor's filled columns
 * return to their previous values, merged_into is cleared and both versions move on. Refused while
 * the survivor is itself merged into another record (undo that merge first).
 */
export async function unmergePeople(ctx: Ctx, mergeId: string): Promise<UnmergeResult> {
  const actor = await authorise(ctx, 'person.merge');
  const result = await withTenant(ctx.db, actor.tenantId, async (trx): Promise<Refusal | UnmergeResult> => {
    const merge = isUuid(mergeId) ? await repo.lockMerge(trx, actor.tenantId, mergeId) : undefined;
    if (!merge) return { refused: 'not-found' as const, id: mergeId };
    const { survivor_id: survivorId, merged_id: mergedId } = merge;
    if (merge.undone_at) return { kind: 'refused', reason: 'already-undone', survivorId } as const;
    const locked = await repo.lockPeople(trx, actor.tenantId, [survivorId, mergedId]);
    const survivor = locked.find((p) => p.id === survivorId);
    const merged = locked.find((p) => p.id === mergedId);
    if (!survivor || !merged) throw new Error('merged records vanished');
    for (const p of [survivor, merged])
      if (!(await mayOpen(trx, ctx, actor, p))) return { refused: 'confidential' as const, id: p.id };
    if (survivor.merged_into) return { kind: 'refused', reason: 'survivor-merged', survivorId } as const;

    const now = ctx.clock.now();
    const ledger = merge.moved as unknown as MergeLedger;
    const notRestored = await restoreReferences(trx, ledger.rows, mergedId, survivorId);
    const { restore, kept } = survivorRestore(
      survivor.row,
      merge.survivor_before as unknown as repo.RowSnapshot,
      ledger.filled,
    );
    // The survivor gives the tax code back before the merged record becomes active again.
    await repo.setPersonColumns(trx, actor.tenantId, survivorId, restore, now);
    await repo.setPersonColumns(trx, actor.tenantId, mergedId, { merged_into: null }, now);
    await repo.markMergeUndone(trx, mergeId, actor.userId, now);
    for (const recordId of [survivorId, mergedId]) {
      await recordEvent(trx, ctx, {
        action: 'person.unmerge',
        recordType: 'person',
        recordId,
        details: { merge: mergeId, survivor: survivorId, merged: mergedId, notRestored, keptFields: kept },
      });
    }
    return { kind: 'unmerged', survivorId, mergedId, notRestored, keptFields: kept } as const;
  });
  if ('refused' in result) return refuse(ctx, 'person.merge', result.id, result.refused);
  return result;
}
