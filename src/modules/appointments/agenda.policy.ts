import { definePermissions } from '../../platform/policy.ts';

/** Staff who receive residents at the offices. */
const FRONT_DOOR = ['coordinator', 'social_worker', 'front_office'] as const;

/**
 * The agenda shows who booked (names, contacts): personal data for the front door only, scoped to the
 * operator's offices like the access register (a coordinator with no office assigned sees them all).
 */
export const appointmentsPermissions = definePermissions({
  'agenda.read': FRONT_DOOR,
  'agenda.manage': FRONT_DOOR,
});
