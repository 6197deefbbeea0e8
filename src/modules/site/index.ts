export { registerSiteRoutes } from './site.routes.tsx';
