export { countOpeningsToReview } from './confidential.service.ts';
export { OpeningsToReviewLink } from './confidential.views.tsx';
export { isDoNotContact } from './contact.preference.ts';
export type { Household, HouseholdOf, MemberView } from './households.schema.ts';
export { getHouseholdOf } from './households.service.ts';
export { type ImportOptions, type ImportSummary, importPeople, type RowError } from './import.service.ts';
export { addFileSection } from './people.pages.tsx';
export { peoplePermissions } from './people.policy.ts';
export { registerPeople } from './people.register.ts';
export {
  breakGlass,
  createPerson,
  type DuplicateCandidate,
  type FieldError,
  getPerson,
  type Person,
  type ReadResult,
  type SaveResult,
  type SearchResult,
  searchPeople,
  updatePerson,
} from './people.service.ts';
export type { FilePage, FileSection } from './people.views.tsx';
export type { ConsentPurpose } from './privacy.schema.ts';
export { getPrivacyOverview, hasActiveConsent, type PrivacyOverview } from './privacy.service.ts';
export { PrivacySections } from './privacy.views.tsx';
