export { seedDemoBenefits } from './benefits.demo.ts';
export { benefitsPermissions } from './benefits.policy.ts';
export { registerBenefits } from './benefits.register.ts';
export { SelfCheckLink } from './selfcheck.views.tsx';
