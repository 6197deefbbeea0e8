export { seedDemoDirectory } from './demo.seed.ts';
export { addDirectoryCommands } from './directory.cli.ts';
export { directoryPermissions } from './directory.policy.ts';
export { registerDirectory } from './directory.register.ts';
export { exportHsds } from './hsds.export.ts';
export { type HsdsImportSummary, importHsds } from './hsds.import.ts';
export { DirectoryLink, ServicesLink } from './links.views.tsx';
export {
  getOrganizationSummary,
  listOrganizations,
  type OrganizationSummary,
} from './organization.repository.ts';
export { hoursOf as hourRowsOf } from './places.routes.tsx';
export type { HourRow } from './places.service.ts';
export { WeeklyHoursFields } from './places.views.tsx';
export {
  partnerDirectory,
  SUGGEST_TEXTS,
  type SuggestionForm,
  type SuggestText,
  suggestChange,
  suggestionFormFor,
} from './suggestion.service.ts';
