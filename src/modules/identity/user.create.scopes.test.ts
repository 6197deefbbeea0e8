import { beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildTenant, type TestOffice, type TestTenant } from '../../../test/support/factories.ts';
import { ROLES, systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { createOperator, identityPermissions } from './index.ts';

// Permission test for `user.create`. No HTTP route creates operators today: the CLI
// (`segretariato users create`) calls createOperator as the system actor, so this file proves that
// every creation, for every role, is audited as the system's act — and that a failed one leaves nothing.
let db: Db;
let tenant: TestTenant;
let office: TestOffice;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  office = await buildOffice(db, tenant);
});

const deps = (requestId: string) => ({ db, clock: systemClock, requestId });
const PASSWORD = 'a long enough passphrase';

describe('user.create', () => {
  it('is meant for admins (enforced only by who can run the CLI)', () => {
    expect(identityPermissions['user.create']).toEqual(['admin']);
  });

  it.each(ROLES)('creating a %s is audited as the system, in the tenant of the new membership', async (role) => {
    const username = `new.${role.replace('_', '')}.${Date.now().toString(36)}`;
    const { userId } = await createOperator(deps(`cli-${role}`), {
      username,
      displayName: 'Nuovo Operatore',
      password: PASSWORD,
      tenantCode: tenant.code,
      role,
      officeCodes: [office.code],
    });
    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'actor_kind', 'actor_user_id', 'tenant_id', 'record_type', 'request_id', 'details'])
      .where('record_id', '=', userId)
      .execute();
    expect(events).toEqual([
      {
        action: 'user.create',
        outcome: 'ok',
        actor_kind: 'system',
        actor_user_id: null,
        tenant_id: tenant.id,
        record_type: 'user',
        request_id: `cli-${role}`,
        details: { role, offices: [office.code] },
      },
    ]);
    // The event names the role and offices, never the password or the person's name.
    expect(JSON.stringify(events)).not.toContain(PASSWORD);
    expect(JSON.stringify(events)).not.toContain('Nuovo Operatore');
  });

  it('a refused creation leaves neither the user nor an event behind', async () => {
    const username = `ghost.${Date.now().toString(36)}`;
    const attempt = createOperator(deps('cli-ghost'), {
      username,
      displayName: 'Fantasma',
      password: PASSWORD,
      tenantCode: tenant.code,
      role: 'social_worker',
      officeCodes: ['no-such-office'],
    });
    await expect(attempt).rejects.toBeInstanceOf(DomainError);
    await expect(attempt).rejects.toMatchObject({ status: 404, code: 'no-office' });
    expect(await db.selectFrom('app_user').select('id').where('username', '=', username).execute()).toEqual([]);
    expect(await db.selectFrom('audit_event').select('seq').where('request_id', '=', 'cli-ghost').execute()).toEqual(
      [],
    );
  });
});
