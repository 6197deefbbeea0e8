import { Type } from 'typebox';
import { withTenant } from '../../platform/db/database.ts';
import { NotFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http/app.ts';
import type { RouteDeps } from '../../platform/http/context.ts';
import type { TenantRef } from '../identity/index.ts';
import {
  getHsdsOrganization,
  getService,
  listHsdsOrganizations,
  listServiceAtLocations,
  listServices,
  listTaxonomies,
} from './hsds.api.ts';
import { loadSchema } from './hsds.schemas.ts';

export interface HsdsRouteDeps extends RouteDeps {
  publicTenant: () => TenantRef | undefined;
}

const Paging = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  format: Type.Optional(Type.Enum(['json'])),
};
const Uuid = Type.String({ format: 'uuid' });
const ServiceFilters = {
  search: Type.Optional(Type.String({ maxLength: 200 })),
  taxonomy_term_id: Type.Optional(Uuid),
  taxonomy_id: Type.Optional(Uuid),
  organization_id: Type.Optional(Uuid),
  modified_after: Type.Optional(Type.String({ format: 'date-time' })),
  full: Type.Optional(Type.Boolean()),
  ...Paging,
};
const IdParams = Type.Object({ id: Uuid });

/**
 * The read-only HSDS 3.0 API of the public directory at /hsds (paths and query parameters of the
 * spec's OpenAPI; no login). Documented by the official OpenAPI at /hsds/openapi.json, not in ours.
 */
export function registerHsdsApi(app: App, deps: HsdsRouteDeps): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.url === '/hsds' || request.url.startsWith('/hsds/') || request.url.startsWith('/hsds?')) {
      request.isApi = true;
      reply.header('access-control-allow-origin', '*');
    }
  });
  const inPublic = <T>(fn: Parameters<typeof withTenant<T>>[2]): Promise<T> => {
    const tenant = deps.publicTenant();
    if (!tenant) throw new NotFound('directory');
    return withTenant(deps.db, tenant.id, fn);
  };
  const hide = { hide: true };

  app.get('/hsds/', { schema: hide }, async (request) => {
    const base = `${request.protocol}://${request.host}`;
    return {
      version: '3.0',
      profile: 'https://docs.openreferral.org/en/v3.0/',
      openapi_url: `${base}/hsds/openapi.json`,
    };
  });

  app.get('/hsds/openapi.json', { schema: hide }, async (request) => {
    const spec = structuredClone(loadSchema('openapi')) as Record<string, unknown>;
    spec.info = {
      title: 'Segretariato — service directory (Open Referral HSDS 3.0)',
      version: '3.0',
      description: 'Read-only public directory of the social services network.',
      license: { name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
    };
    spec.servers = [{ url: `${request.protocol}://${request.host}/hsds` }];
    return spec;
  });

  app.get(
    '/hsds/services',
    { schema: { ...hide, querystring: Type.Object({ ...ServiceFilters, minimal: Type.Optional(Type.Boolean()) }) } },
    async (request) => inPublic((trx) => listServices(trx, request.query)),
  );
  app.get('/hsds/services/:id', { schema: { ...hide, params: IdParams } }, async (request) => {
    const service = await inPublic((trx) => getService(trx, request.params.id));
    if (!service) throw new NotFound('service');
    return service;
  });
  app.get(
    '/hsds/organizations',
    {
      schema: {
        ...hide,
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 200 })),
          full: Type.Optional(Type.Boolean()),
          full_service: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
      },
    },
    async (request) => inPublic((trx) => listHsdsOrganizations(trx, request.query)),
  );
  app.get(
    '/hsds/organizations/:id',
    {
      schema: {
        ...hide,
        params: IdParams,
        querystring: Type.Object({ full_service: Type.Optional(Type.Boolean()) }),
      },
    },
    async (request) => {
      const o = await inPublic((trx) => getHsdsOrganization(trx, request.params.id, !!request.query.full_service));
      if (!o) throw new NotFound('organization');
      return o;
    },
  );
  app.get(
    '/hsds/taxonomies',
    {
      schema: {
        ...hide,
        querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 200 })), ...Paging }),
      },
    },
    async (request) => inPublic((trx) => listTaxonomies(trx, 'taxonomy', request.query)),
  );
  app.get(
    '/hsds/taxonomy_terms',
    {
      schema: {
        ...hide,
        querystring: Type.Object({
          search: Type.Optional(Type.String({ maxLength: 200 })),
          taxonomy_id: Type.Optional(Uuid),
          parent_id: Type.Optional(Uuid),
          top_only: Type.Optional(Type.Boolean()),
          ...Paging,
        }),
      },
    },
    async (request) => inPublic((trx) => listTaxonomies(trx, 'taxonomy_term', request.query)),
  );
  app.get(
    '/hsds/service_at_locations',
    {
      schema: {
        ...hide,
        querystring: Type.Object({ ...ServiceFilters, postcode: Type.Optional(Type.String({ maxLength: 20 })) }),
      },
    },
    async (request) => inPublic((trx) => listServiceAtLocations(trx, request.query)),
  );
}
