import { ROLES } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

export const identityPermissions = definePermissions({
  // Every operator manages their own password.
  'password.change': ROLES,
  // Operator accounts and API tokens are created by an admin (today through the CLI, which acts as system).
  'user.create': ['admin'],
  'token.create': ['admin'],
});
