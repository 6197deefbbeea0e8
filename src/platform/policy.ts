import type { Actor, Operator, Role } from './context.ts';

/**
 * A module's permissions: for each action, the roles that may perform it. Scope rules (same tenant,
 * own office) live beside them in the module's policy file. docs/SECURITY.md is generated from these
 * tables (`npm run docs:security`) and a test checks it is current.
 */
export type Permissions<A extends string = string> = Readonly<Record<A, readonly Role[]>>;

export function definePermissions<A extends string>(permissions: Record<A, readonly Role[]>): Permissions<A> {
  return permissions;
}

export function roleMay<A extends string>(permissions: Permissions<A>, actor: Actor, action: A): actor is Operator {
  if (actor.kind !== 'user' && actor.kind !== 'token') return false;
  return permissions[action].includes(actor.role);
}
