import { ROLES } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

export const officesPermissions = definePermissions({
  // Offices are public information; every operator may read them through the API.
  'office.read': ROLES,
  // The front-desk list of today's accesses holds personal data: only staff who work the desk.
  'office.today': ['admin', 'coordinator', 'social_worker', 'front_office'],
});
