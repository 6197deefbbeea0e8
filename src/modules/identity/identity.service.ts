import { type Actor, type Clock, type Ctx, type Operator, ROLES, type Role } from '../../platform/context.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { newSecret, sha256 } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { identityPermissions } from './identity.policy.ts';
import * as repo from './identity.repository.ts';
import { hashPassword, type PasswordProblem, passwordProblem, verifyPassword } from './passwords.ts';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const TOUCH_EVERY_MS = 60_000;

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export interface TenantRef {
  id: string;
  code: string;
  name: string;
}

export interface Principal {
  actor: Operator;
  tenant: TenantRef;
}

type PrincipalRow = NonNullable<Awaited<ReturnType<typeof repo.findSessionPrincipal>>>;

function toPrincipal(
  row: Omit<PrincipalRow, 'token_hash' | 'last_seen_at' | 'expires_at'>,
  kind: 'user' | 'token',
): Principal {
  if (!(ROLES as readonly string[]).includes(row.role)) throw new Error(`unknown role ${row.role}`);
  return {
    actor: {
      kind,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      tenantId: row.tenant_id,
      role: row.role as Role,
      officeIds: row.office_ids ?? [],
    },
    tenant: { id: row.tenant_id, code: row.tenant_code, name: row.tenant_name },
  };
}

export type LoginResult =
  | { ok: true; sessionToken: string; tenantId: string }
  | { ok: false; reason: 'invalid' | 'no-membership' }
  | { ok: false; reason: 'locked'; minutes: number };

/**
 * Signs an operator in. Failures are counted per account; after MAX_FAILED_LOGINS in a row the
 * account is locked for LOCK_MINUTES. The password is checked even for unknown users (same timing).
 */
export async function login(
  deps: { db: Db; clock: Clock; requestId: string; session: SessionPolicy; preferredTenantId?: string | undefined },
  input: { username: string; password: string },
): Promise<LoginResult> {
  const { db, clock } = deps;
  const now = clock.now();
  const user = await repo.findUserByUsername(db, input.username.trim().toLowerCase());
  const lockedFor = user?.locked_until && user.locked_until > now ? user.locked_until.getTime() - now.getTime() : 0;
  const valid = (await verifyPassword(user?.password_hash, input.password)) && !user?.disabled_at;
  if (user && lockedFor > 0) {
    await asSystem(db, (trx) =>
      recordEvent(
        trx,
        { actor: { kind: 'anonymous', tenantId: undefined }, requestId: deps.requestId },
        {
          action: 'session.login',
          outcome: 'denied',
          recordType: 'user',
          recordId: user.id,
          details: { reason: 'locked' },
        },
      ),
    );
    return { ok: false, reason: 'locked', minutes: Math.ceil(lockedFor / 60_000) };
  }
  if (!user || !valid) {
    let locked = false;
    await asSystem(db, async (trx) => {
      if (user) {
        // A lock that has run out starts a fresh count: one more mistake must not lock again at once.
        const expiredLock = user.locked_until !== null && user.locked_until <= now;
        const failures = (expiredLock ? 0 : user.failed_logins) + 1;
        locked = failures >= MAX_FAILED_LOGINS;
        await repo.recordFailedLogin(
          trx,
          user.id,
          failures,
          locked ? new Date(now.getTime() + LOCK_MINUTES * 60_000) : null,
        );
      }
      await recordEvent(
        trx,
        { actor: { kind: 'anonymous', tenantId: undefined }, requestId: deps.requestId },
        {
          action: 'session.login',
          outcome: 'failed',
          recordType: user ? 'user' : undefined,
          recordId: user?.id,
          details: { reason: user ? 'bad-password' : 'unknown-user' },
        },
      );
    });
    return locked ? { ok: false, reason: 'locked', minutes: LOCK_MINUTES } : { ok: false, reason: 'invalid' };
  }
  const membership = await repo.findMembershipForLogin(db, user.id, deps.preferredTenantId);
  if (!membership) return { ok: false, reason: 'no-membership' };
  const token = newSecret();
  await asSystem(db, async (trx) => {
    await repo.resetFailedLogins(trx, user.id);
    await repo.insertSession(trx, {
      tokenHash: sha256(token),
      userId: user.id,
      tenantId: membership.tenant_id,
      at: now,
      expiresAt: new Date(now.getTime() + deps.session.maxHours * 3_600_000),
    });
    const actor: Actor = { kind: 'system', tenantId: membership.tenant_id };
    await recordEvent(
      trx,
      { actor, requestId: deps.requestId },
      { action: 'session.login', recordType: 'user', recordId: user.id },
    );
  });
  return { ok: true, sessionToken: token, tenantId: membership.tenant_id };
}

export type SessionLookup = { state: 'valid'; principal: Principal } | { state: 'expired' } | { state: 'none' };

/** Resolves a session cookie: idle and absolute expiry, sliding last-seen time. */
export async function authenticateSession(
  deps: { db: Db; clock: Clock; session: SessionPolicy },
  sessionToken: string,
): Promise<SessionLookup> {
  const now = deps.clock.now();
  const hash = sha256(sessionToken);
  const row = await repo.findSessionPrincipal(deps.db, hash);
  if (!row) return { state: 'none' };
  const idleLimit = new Date(now.getTime() - deps.session.idleMinutes * 60_000);
  if (row.expires_at <= now || row.last_seen_at < idleLimit) {
    await repo.deleteSession(deps.db, hash);
    return { state: 'expired' };
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_EVERY_MS) await repo.touchSession(deps.db, hash, now);
  return { state: 'valid', principal: toPrincipal(row, 'user') };
}

export async function authenticateToken(
  deps: { db: Db; clock: Clock },
  bearer: string,
): Promise<Principal | undefined> {
  const row = await repo.findTokenPrincipal(deps.db, sha256(bearer));
  if (!row) return undefined;
  const now = deps.clock.now();
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await repo.touchToken(deps.db, row.token_id, now);
  }
  return toPrincipal(row, 'token');
}

export async function logout(ctx: Ctx, sessionToken: string): Promise<void> {
  await asSystem(ctx.db, async (trx) => {
    await repo.deleteSession(trx, sha256(sessionToken));
    await recordEvent(trx, ctx, {
      action: 'session.logout',
      recordType: 'user',
      recordId: ctx.actor.kind === 'user' ? ctx.actor.userId : undefined,
    });
  });
}

export type ChangePasswordResult = { ok: true } | { ok: false; problem: PasswordProblem | 'wrongCurrent' | 'mismatch' };

/** Changes the operator's own password and closes their other sessions. */
export async function changePassword(
  ctx: Ctx,
  sessionToken: string,
  input: { current: string; next: string; confirm: string },
): Promise<ChangePasswordResult> {
  const actor = ctx.actor;
  if (!roleMay(identityPermissions, actor, 'password.change') || actor.kind !== 'user') {
    await recordDenied(ctx, { action: 'password.change' });
    throw new DomainError(403, 'forbidden', 'Not allowed: password.change');
  }
  const user = await repo.findUserById(ctx.db, actor.userId);
  if (!(await verifyPassword(user?.password_hash, input.current))) return { ok: false, problem: 'wrongCurrent' };
  const problem = passwordProblem(input.next, actor.username);
  if (problem) return { ok: false, problem };
  if (input.next !== input.confirm) return { ok: false, problem: 'mismatch' };
  const hash = await hashPassword(input.next);
  await asSystem(ctx.db, async (trx) => {
    await repo.setPassword(trx, actor.userId, hash, ctx.clock.now());
    await repo.deleteOtherSessions(trx, actor.userId, sha256(sessionToken));
    await recordEvent(trx, ctx, { action: 'password.change', recordType: 'user', recordId: actor.userId });
  });
  return { ok: true };
}

/** The tenant shown to residents: DEFAULT_TENANT if set, else the only (or oldest) tenant. */
export async function resolvePublicTenant(db: Db, code: string | undefined): Promise<TenantRef | undefined> {
  return code ? repo.findTenantByCode(db, code) : repo.findFirstTenant(db);
}

/** Removes sessions past their idle or absolute expiry (run periodically by the server). */
export async function purgeExpiredSessions(deps: { db: Db; clock: Clock; session: SessionPolicy }): Promise<void> {
  const now = deps.clock.now();
  await repo.deleteExpiredSessions(deps.db, now, new Date(now.getTime() - deps.session.idleMinutes * 60_000));
}
