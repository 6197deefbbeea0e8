import { definePermissions } from '../../platform/policy.ts';

/**
 * Person files hold special-category data (GDPR art. 9). Only staff who work with residents see
 * them; administrators, researchers and auditors do not (they get accounts, aggregates, the log).
 */
const FRONT_DOOR = ['coordinator', 'social_worker', 'front_office'] as const;

export const peoplePermissions = definePermissions({
  'person.search': FRONT_DOOR,
  'person.read': FRONT_DOOR,
  'person.create': FRONT_DOOR,
  'person.update': FRONT_DOOR,
  'household.manage': FRONT_DOOR,
  'privacy.record': FRONT_DOOR,
  // Merging moves a whole history between files: professional staff only.
  'person.merge': ['coordinator', 'social_worker'],
  // Break-the-glass openings of confidential files are reviewed by the coordinator.
  'confidential.review': ['coordinator'],
});

/** How long a stated reason opens a confidential file (DHIS2's "break the glass" uses 3 hours). */
export const BREAK_GLASS_HOURS = 3;
