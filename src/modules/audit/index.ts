export { auditPermissions } from './audit.policy.ts';
export { registerAuditRoutes } from './audit.routes.tsx';
export { type AuditEntry, recordDenied, recordEvent, type VerifyResult, verifyAuditChain } from './audit.service.ts';
