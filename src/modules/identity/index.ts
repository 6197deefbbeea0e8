export { createApiToken, createOperator, listApiTokens, type NewOperator, revokeApiToken } from './identity.admin.ts';
export { identityPermissions } from './identity.policy.ts';
export { type IdentityDeps, installAuthentication, registerIdentityRoutes } from './identity.routes.tsx';
export { purgeExpiredSessions, resolvePublicTenant, type SessionPolicy, type TenantRef } from './identity.service.ts';
