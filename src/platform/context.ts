import type { Db } from './db/database.ts';

export const ROLES = [
  'admin',
  'coordinator',
  'social_worker',
  'front_office',
  'researcher',
  'auditor',
  'partner',
] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: an operator through a session, an API token, the CLI (system), or nobody. */
export type Actor =
  | {
      kind: 'user' | 'token';
      userId: string;
      username: string;
      displayName: string;
      tenantId: string;
      role: Role;
      officeIds: readonly string[];
    }
  | { kind: 'system'; tenantId: string | undefined }
  | { kind: 'anonymous'; tenantId: string | undefined };

export type Operator = Extract<Actor, { kind: 'user' | 'token' }>;

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Everything a service needs, injected: who acts, for which request, with which clock and database. */
export interface Ctx {
  actor: Actor;
  requestId: string;
  clock: Clock;
  db: Db;
}

export function isOperator(actor: Actor): actor is Operator {
  return actor.kind === 'user' || actor.kind === 'token';
}
