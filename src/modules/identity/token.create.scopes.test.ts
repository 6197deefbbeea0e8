import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOperator, buildTenant, type TestTenant } from '../../../test/support/factories.ts';
import { ROLES, systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { sha256 } from '../../platform/ids.ts';
import { createApiToken, identityPermissions, revokeApiToken } from './index.ts';

// Permission test for `token.create`. No HTTP route creates tokens today: the CLI
// (`segretariato tokens create`) calls createApiToken as the system actor. For every role: the creation
// is audited as the system's act, only the hash is stored, and the token acts as its user — that role.
let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let tenant: TestTenant;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  tenant = await buildTenant(db);
  app = await buildTestApp(db);
});

const deps = (requestId: string) => ({ db, clock: systemClock, requestId });

describe('token.create', () => {
  it('is meant for admins (enforced only by who can run the CLI)', () => {
    expect(identityPermissions['token.create']).toEqual(['admin']);
  });

  it.each(ROLES)('a token for a %s is audited as the system and acts with that role', async (role) => {
    const op = await buildOperator(db, tenant, role);
    const { id, secret } = await createApiToken(deps(`cli-token-${role}`), { username: op.username, name: 'sync' });

    const events = await db
      .selectFrom('audit_event')
      .select(['action', 'outcome', 'actor_kind', 'actor_user_id', 'tenant_id', 'record_type'])
      .where('record_id', '=', id)
      .execute();
    expect(events).toEqual([
      {
        action: 'token.create',
        outcome: 'ok',
        actor_kind: 'system',
        actor_user_id: null,
        tenant_id: tenant.id,
        record_type: 'api_token',
      },
    ]);
    const stored = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(sha256(secret));
    expect(JSON.stringify(stored)).not.toContain(secret);

    // The token is this user, with this role: only the auditor's token may read the audit log.
    const res = await app.inject({ url: '/api/v1/audit-events', headers: { authorization: `Bearer ${secret}` } });
    expect(res.statusCode).toBe(role === 'auditor' ? 200 : 403);
    const used = await db
      .selectFrom('audit_event')
      .select(['actor_kind', 'actor_user_id', 'outcome'])
      .where('action', '=', 'audit.read')
      .where('actor_user_id', '=', op.userId)
      .execute();
    expect(used).toEqual([
      { actor_kind: 'token', actor_user_id: op.userId, outcome: role === 'auditor' ? 'ok' : 'denied' },
    ]);
  });

  it('a revoked token stops working, and the revocation is audited', async () => {
    const op = await buildOperator(db, tenant, 'front_office');
    const { id, secret } = await createApiToken(deps('cli-revoke'), { username: op.username, name: 'old' });
    const call = () => app.inject({ url: '/api/v1/offices', headers: { authorization: `Bearer ${secret}` } });
    expect((await call()).statusCode).toBe(200);
    expect(await revokeApiToken(deps('cli-revoke'), id)).toBe(true);
    expect((await call()).statusCode).toBe(401);
    const revoked = await db
      .selectFrom('audit_event')
      .select(['action', 'actor_kind'])
      .where('record_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(revoked).toEqual([
      { action: 'token.create', actor_kind: 'system' },
      { action: 'token.revoke', actor_kind: 'system' },
    ]);
  });

  it('a token for an unknown user is refused and leaves no event', async () => {
    await expect(createApiToken(deps('cli-nobody'), { username: 'nobody.here', name: 'x' })).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await db.selectFrom('audit_event').select('seq').where('request_id', '=', 'cli-nobody').execute()).toEqual(
      [],
    );
  });
});
