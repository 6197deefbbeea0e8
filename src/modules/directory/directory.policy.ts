import { definePermissions } from '../../platform/policy.ts';

/**
 * The directory is public reference data: anyone reads it (pages, /hsds). Keeping it right is the
 * job of coordinators and administrators: they edit services, mark them verified and see the stale list.
 */
export const directoryPermissions = definePermissions({
  'directory.manage': ['admin', 'coordinator'],
});
