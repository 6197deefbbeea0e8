export { TodayAccesses, type TodayByOffice, todayByOffice } from './access.home.tsx';
export { AccessesLink } from './access.list.views.tsx';
export { auditOnlineRequest, onlineAccessStatus, registerOnlineRequest } from './access.online.ts';
export { isOutcomeOfPerson, outcomesOfPerson, type PersonOutcome } from './access.outcomes.ts';
export { FromOutcomeLinks } from './access.outcomes.views.tsx';
export { accessPermissions, inOfficeScope, officeScope } from './access.policy.ts';
export {
  type AccessFilters,
  type AccessListItem,
  getAccess,
  LIST_VIEWS,
  listAccesses,
} from './access.read.service.ts';
export { registerAccess } from './access.register.ts';
export { registerAccessApi } from './access.routes.ts';
export { accessCode, type RegisterResult, registerAccess as recordAccess, romeDay } from './access.service.ts';
export type { FieldError as AccessFieldError, RegisterAccessInput } from './access.validation.ts';
export type { AccessView } from './access.view.ts';
export { AccessAdminLink } from './admin.views.tsx';
export { computeIndicators, type IndicatorQuery, publishable, publishableMedian } from './indicators.sql.ts';
export { IndicatorsLink } from './indicators.views.tsx';
export { interviewPermissions } from './interview.policy.ts';
export { getInterviews, type InterviewView, recordInterview, startInterview } from './interview.service.ts';
export { closeAccess, OUTCOME_KINDS, REASON_CODES, recordOutcome } from './outcome.service.ts';
export { listQuestionnaires, seedDemoQuestionnaire } from './questionnaire.service.ts';
export {
  currentTaxonomy,
  insertTaxonomyVersion,
  type NeedArea,
  type NeedAreaInput,
  publishTaxonomy,
  type Taxonomy,
} from './taxonomy.service.ts';
