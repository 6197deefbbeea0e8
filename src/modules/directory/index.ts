export {
  getOrganizationSummary,
  listOrganizations,
  type OrganizationSummary,
} from './organization.repository.ts';
