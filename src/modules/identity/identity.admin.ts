import type { Clock, Ctx, Role } from '../../platform/context.ts';
import { ROLES } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { newId, newSecret, sha256 } from '../../platform/ids.ts';
import { recordEvent } from '../audit/index.ts';
import * as repo from './identity.repository.ts';
import { hashPassword, passwordProblem } from './passwords.ts';

/**
 * Installation-level administration, run by the CLI as the system actor (whoever can run the CLI
 * already controls the server). Every change is audited like any other write.
 */
export interface AdminDeps {
  db: Db;
  clock: Clock;
  requestId: string;
}

const systemCtx = (deps: AdminDeps, tenantId: string | undefined): Pick<Ctx, 'actor' | 'requestId'> => ({
  actor: { kind: 'system', tenantId },
  requestId: deps.requestId,
});

export interface NewOperator {
  username: string;
  displayName: string;
  password: string;
  tenantCode: string;
  role: Role;
  officeCodes: readonly string[];
}

export async function createOperator(deps: AdminDeps, input: NewOperator): Promise<{ userId: string }> {
  const username = input.username.trim().toLowerCase();
  if (!/^[a-z0-9._-]{3,64}$/.test(username)) {
    throw new DomainError(422, 'bad-username', 'username: 3–64 characters among a–z, 0–9, dot, dash, underscore');
  }
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw new DomainError(422, 'bad-role', `role must be one of ${ROLES.join(', ')}`);
  }
  const problem = passwordProblem(input.password, username);
  if (problem)
    throw new DomainError(
      422,
      'weak-password',
      `password ${problem === 'tooShort' ? 'must have at least 12 characters' : 'must not contain the username'}`,
    );
  const tenant = await repo.findTenantByCode(deps.db, input.tenantCode);
  if (!tenant) throw new DomainError(404, 'no-tenant', `no tenant with code ${input.tenantCode}`);
  if (await repo.findUserByUsername(deps.db, username)) {
    throw new DomainError(409, 'username-taken', `username ${username} already exists`);
  }
  const passwordHash = await hashPassword(input.password);
  const userId = newId();
  await asSystem(deps.db, async (trx) => {
    const offices = input.officeCodes.length
      ? await trx
          .selectFrom('office')
          .select(['id', 'code'])
          .where('tenant_id', '=', tenant.id)
          .where('code', 'in', [...input.officeCodes])
          .execute()
      : [];
    const missing = input.officeCodes.filter((c) => !offices.some((o) => o.code === c));
    if (missing.length) throw new DomainError(404, 'no-office', `no office with code ${missing.join(', ')}`);
    await repo.insertUser(trx, { id: userId, username, displayName: input.displayName, passwordHash });
    await repo.insertMembership(trx, {
      id: newId(),
      tenantId: tenant.id,
      userId,
      role: input.role,
      officeIds: offices.map((o) => o.id),
    });
    await recordEvent(trx, systemCtx(deps, tenant.id), {
      action: 'user.create',
      recordType: 'user',
      recordId: userId,
      details: { role: input.role, offices: input.officeCodes },
    });
  });
  return { userId };
}

/** Creates an API token acting as `username`; the secret is returned once and only its hash is kept. */
export async function createApiToken(deps: AdminDeps, input: { username: string; name: string }) {
  const user = await repo.findUserByUsername(deps.db, input.username.trim().toLowerCase());
  if (!user) throw new DomainError(404, 'no-user', `no user ${input.username}`);
  const membership = await repo.findMembershipForLogin(deps.db, user.id, undefined);
  if (!membership) throw new DomainError(422, 'no-membership', `user ${input.username} has no membership`);
  const secret = newSecret('seg_');
  const id = newId();
  await asSystem(deps.db, async (trx) => {
    await repo.insertToken(trx, {
      id,
      tenantId: membership.tenant_id,
      userId: user.id,
      name: input.name,
      tokenHash: sha256(secret),
      at: deps.clock.now(),
    });
    await recordEvent(trx, systemCtx(deps, membership.tenant_id), {
      action: 'token.create',
      recordType: 'api_token',
      recordId: id,
    });
  });
  return { id, secret };
}

export async function listApiTokens(deps: AdminDeps) {
  return repo.listTokens(deps.db);
}

export async function revokeApiToken(deps: AdminDeps, id: string): Promise<boolean> {
  return asSystem(deps.db, async (trx) => {
    const revoked = await repo.revokeToken(trx, id, deps.clock.now());
    if (!revoked) return false;
    await recordEvent(trx, systemCtx(deps, revoked.tenant_id), {
      action: 'token.revoke',
      recordType: 'api_token',
      recordId: id,
    });
    return true;
  });
}
