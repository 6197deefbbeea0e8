import { ROLES } from '../../platform/context.ts';
import { definePermissions } from '../../platform/policy.ts';

export const officesPermissions = definePermissions({
  // Offices are public information; every staff role may read them through the API. Partner users (external
  // organizations) use only the partner area and their password change.
  'office.read': ROLES.filter((r) => r !== 'partner'),
  // The front-desk list of today's accesses holds personal data: only staff who work the desk.
  'office.today': ['admin', 'coordinator', 'social_worker', 'front_office'],
});
