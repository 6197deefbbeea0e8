import { definePermissions } from '../../platform/policy.ts';

/**
 * The directory is public reference data: anyone reads it (pages, /hsds). Keeping it right is the
 * job of coordinators and administrators: they create and edit organizations and services (texts,
 * places, phones, hours), mark them verified, see the stale list and moderate partners' suggestions.
 * A partner user suggests changes to the services of its own organization only.
 */
export const directoryPermissions = definePermissions({
  'directory.manage': ['admin', 'coordinator'],
  'directory.suggest': ['partner'],
});
