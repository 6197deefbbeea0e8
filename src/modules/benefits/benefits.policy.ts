import { definePermissions } from '../../platform/policy.ts';

/**
 * Economic help. Rules are reference data (public: residents run the self-check anonymously); only an
 * admin publishes a new version. Applications hold personal and financial data: the social workers and
 * coordinators who prepare them; only a coordinator decides, and never on an application they prepared
 * (four eyes). Funds are set by an admin; their balances (no personal data) are visible to staff.
 */
export const benefitsPermissions = definePermissions({
  'benefit_rules.publish': ['admin'],
  'benefit_application.prepare': ['coordinator', 'social_worker'],
  'benefit_application.read': ['coordinator', 'social_worker'],
  'benefit_application.decide': ['coordinator'],
  'benefit_fund.manage': ['admin'],
  'benefit_fund.read': ['admin', 'coordinator', 'social_worker', 'front_office', 'auditor'],
  'benefit_payment.record': ['coordinator'],
});
