import { randomBytes } from 'node:crypto';
import { createApiToken, createOperator } from '../../src/modules/identity/index.ts';
import { insertHours, insertOffice } from '../../src/modules/offices/index.ts';
import { type Clock, type Ctx, type Role, systemClock } from '../../src/platform/context.ts';
import { asSystem, type Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

const unique = () => randomBytes(4).toString('hex');
export const TEST_PASSWORD = 'correct horse battery staple';
const clock = { now: () => new Date() };

export interface TestTenant {
  id: string;
  code: string;
  name: string;
}

export async function buildTenant(db: Db, overrides: Partial<TestTenant> = {}): Promise<TestTenant> {
  const tenant = { id: newId(), code: `t-${unique()}`, name: `Comune di Prova ${unique()}`, ...overrides };
  await db
    .insertInto('tenant')
    .values({ ...tenant, kind: 'comune' })
    .execute();
  return tenant;
}

export interface TestOffice {
  id: string;
  code: string;
  name: string;
  tenantId: string;
}

/** An office open every weekday 09:00–12:30 unless `hours` says otherwise. */
export async function buildOffice(
  db: Db,
  tenant: TestTenant,
  overrides: Partial<Omit<TestOffice, 'tenantId'>> & {
    hours?: { weekday: number; opens: string; closes: string }[];
  } = {},
): Promise<TestOffice> {
  const office = { id: newId(), code: `o-${unique()}`, name: `Sede ${unique()}`, ...overrides };
  const hours = overrides.hours ?? [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '09:00', closes: '12:30' }));
  await asSystem(db, async (trx) => {
    await insertOffice(trx, {
      id: office.id,
      tenantId: tenant.id,
      code: office.code,
      name: office.name,
      kind: 'neighbourhood',
      street: 'Via di Prova 1',
      postcode: '20900',
      city: 'Monza',
      phone: null,
      email: null,
      demoValues: [],
    });
    await insertHours(
      trx,
      tenant.id,
      hours.map((h) => ({ id: newId(), office_id: office.id, ...h })),
    );
  });
  return { id: office.id, code: office.code, name: office.name, tenantId: tenant.id };
}

export interface TestOperator {
  userId: string;
  username: string;
  password: string;
  role: Role;
  tenant: TestTenant;
}

export async function buildOperator(
  db: Db,
  tenant: TestTenant,
  role: Role,
  options: { offices?: TestOffice[]; username?: string; password?: string } = {},
): Promise<TestOperator> {
  const username = options.username ?? `${role.replace('_', '')}.${unique()}`;
  const password = options.password ?? TEST_PASSWORD;
  const { userId } = await createOperator(
    { db, clock, requestId: `test-${unique()}` },
    {
      username,
      displayName: `Operatore ${username}`,
      password,
      tenantCode: tenant.code,
      role,
      officeCodes: (options.offices ?? []).map((o) => o.code),
    },
  );
  return { userId, username, password, role, tenant };
}

export async function buildToken(db: Db, operator: TestOperator): Promise<string> {
  const { secret } = await createApiToken(
    { db, clock, requestId: `test-${unique()}` },
    { username: operator.username, name: 'test' },
  );
  return secret;
}

/** The service context of an operator, as the HTTP layer would build it (for service-level tests). */
export function operatorCtx(db: Db, op: TestOperator, clock: Clock = systemClock, officeIds: string[] = []): Ctx {
  return {
    actor: {
      kind: 'user',
      userId: op.userId,
      username: op.username,
      displayName: `Operatore ${op.username}`,
      tenantId: op.tenant.id,
      role: op.role,
      officeIds,
    },
    requestId: `test-${op.username}`,
    clock,
    db,
  };
}
