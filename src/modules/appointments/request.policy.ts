import { definePermissions } from '../../platform/policy.ts';

/**
 * Online requests for assistance carry names, an e-mail and the request in the resident's words:
 * the front door reads them, scoped to the offices that take each service in charge (a coordinator with
 * no office assigned sees them all). Creating one needs no permission: it is the public form.
 */
export const requestPermissions = definePermissions({
  'assistance.read': ['coordinator', 'social_worker', 'front_office'],
});
