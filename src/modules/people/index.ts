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
