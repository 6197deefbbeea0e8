import { createPerson } from '../../src/modules/people/people.service.ts';
import type { Ctx } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';
import type { TestOperator } from './factories.ts';

/** A service context acting as `op`, with a fixed clock. */
export function operatorCtx(db: Db, op: TestOperator, now: Date, officeIds: string[] = []): Ctx {
  return {
    actor: {
      kind: 'user',
      userId: op.userId,
      username: op.username,
      displayName: op.username,
      tenantId: op.tenant.id,
      role: op.role,
      officeIds,
    },
    requestId: `test-${newId()}`,
    clock: { now: () => now },
    db,
  };
}

/** Saves a person, ruling out any proposed duplicate (tests build look-alikes on purpose). */
export async function savePerson(ctx: Ctx, body: Parameters<typeof createPerson>[1]) {
  let r = await createPerson(ctx, body);
  if (r.kind === 'duplicates')
    r = await createPerson(ctx, { ...body, acknowledgedDuplicates: r.candidates.map((c) => c.id) });
  if (r.kind !== 'saved') throw new Error(`expected saved, got ${JSON.stringify(r)}`);
  return r.person;
}
