export { addDiaryEntry, listOverdueReviews, recordReview, saveCarePlan } from './careplan.service.ts';
export { changeCaseStatus, transferCase } from './cases.manage.ts';
export { casesPermissions } from './cases.policy.ts';
export { registerCases } from './cases.register.ts';
export { decideCase, getCase, listCaseload, proposeCase } from './cases.service.ts';
export type { CaseSummary, CaseView } from './cases.view.ts';
