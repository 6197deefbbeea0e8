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
  // Calendar settings of an office (slot grid, closures and extra openings, operators' hours): admins for
  // every office, coordinators for the offices they coordinate.
  'schedule.manage': ['admin', 'coordinator'],
  // Appointment topics are tenant-wide (names, length, roles, offices): admins only.
  'topic.manage': ['admin'],
});
