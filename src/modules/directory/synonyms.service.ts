import type { Ctx, Operator } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { directoryPermissions } from './directory.policy.ts';
import { normalise } from './search.repository.ts';

export interface Synonym {
  id: string;
  phrase: string;
  expansion: string;
}
export type SynonymError = { field: 'phrase' | 'expansion'; code: 'required' | 'tooLong' | 'duplicate' };

async function manager(ctx: Ctx): Promise<Operator> {
  if (!roleMay(directoryPermissions, ctx.actor, 'directory.manage')) {
    await recordDenied(ctx, { action: 'directory.manage', details: { op: 'synonyms' } });
    throw new Forbidden('directory.manage');
  }
  return ctx.actor;
}

/** The tenant's synonym table (residents' words → catalogue words), by phrase. */
export async function listSynonyms(ctx: Ctx): Promise<Synonym[]> {
  const actor = await manager(ctx);
  return withTenant(ctx.db, actor.tenantId, (trx) =>
    trx.selectFrom('directory_synonym').select(['id', 'phrase', 'expansion']).orderBy('phrase').execute(),
  );
}

/** Adds a phrase (or replaces the words of an existing one); audited. */
export async function saveSynonym(
  ctx: Ctx,
  input: { phrase: string; expansion: string },
): Promise<{ kind: 'saved' } | { kind: 'invalid'; errors: SynonymError[] }> {
  const actor = await manager(ctx);
  const phrase = input.phrase.trim().toLowerCase();
  const expansion = input.expansion.trim();
  const errors: SynonymError[] = [];
  if (normalise(phrase).length < 2) errors.push({ field: 'phrase', code: 'required' });
  else if (phrase.length > 120) errors.push({ field: 'phrase', code: 'tooLong' });
  if (normalise(expansion).length < 2) errors.push({ field: 'expansion', code: 'required' });
  else if (expansion.length > 500) errors.push({ field: 'expansion', code: 'tooLong' });
  if (errors.length) return { kind: 'invalid', errors };
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const row = await trx
      .insertInto('directory_synonym')
      .values({ id: newId(), tenant_id: actor.tenantId, phrase, expansion })
      .onConflict((c) =>
        c
          .columns(['tenant_id', 'phrase'])
          .doUpdateSet({ expansion, version: (eb) => eb('directory_synonym.version', '+', 1) }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, ctx, {
      action: 'directory.manage',
      recordType: 'synonym',
      recordId: row.id,
      details: { op: 'synonym.save' },
    });
    return { kind: 'saved' as const };
  });
}

/** Removes a phrase from the table; audited. */
export async function deleteSynonym(ctx: Ctx, id: string): Promise<void> {
  const actor = await manager(ctx);
  await withTenant(ctx.db, actor.tenantId, async (trx) => {
    const gone = await trx.deleteFrom('directory_synonym').where('id', '=', id).executeTakeFirst();
    if (Number(gone.numDeletedRows) > 0)
      await recordEvent(trx, ctx, {
        action: 'directory.manage',
        recordType: 'synonym',
        recordId: id,
        details: { op: 'synonym.delete' },
      });
  });
}
