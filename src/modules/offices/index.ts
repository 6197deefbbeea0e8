export { officesPermissions } from './offices.policy.ts';
export { insertHours, insertOffice, type NewOffice } from './offices.repository.ts';
export { registerOfficeRoutes } from './offices.routes.ts';
export { listPublicOffices, type Office, type OfficeToday, officesToday } from './offices.service.ts';
export { HoursList, OfficeCard } from './offices.views.tsx';
