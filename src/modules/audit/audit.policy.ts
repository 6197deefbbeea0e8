import { definePermissions } from '../../platform/policy.ts';

export const auditPermissions = definePermissions({
  // Separation of duties: only the auditor reads the log; administrators do not.
  'audit.read': ['auditor'],
});
