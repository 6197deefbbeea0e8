import { Type } from 'typebox';
import type { App } from '../../platform/http/app.ts';
import { ctxOf, type RouteDeps, requireOperator } from '../../platform/http/context.ts';
import { problemResponse } from '../../platform/http/problem.ts';
import { getOffice, listOfficesFor } from './offices.service.ts';

export const OfficeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: Type.String({ description: 'Short code, unique in the tenant' }),
    name: Type.String(),
    kind: Type.Union([Type.Literal('central'), Type.Literal('neighbourhood')]),
    address: Type.Object({
      street: Type.String(),
      postcode: Type.Union([Type.String(), Type.Null()]),
      city: Type.String(),
    }),
    phone: Type.Union([Type.String(), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    demoValues: Type.Array(Type.String(), { description: 'Fields whose value is invented demo data' }),
    hours: Type.Array(
      Type.Object({
        weekday: Type.Integer({ minimum: 1, maximum: 7, description: 'ISO weekday, 1 = Monday' }),
        opens: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
        closes: Type.String({ pattern: '^\\d{2}:\\d{2}$' }),
      }),
    ),
  },
  { $id: 'Office' },
);

export function registerOfficeRoutes(app: App, deps: RouteDeps): void {
  app.addSchema(OfficeSchema);
  app.get(
    '/api/v1/offices',
    {
      schema: {
        tags: ['offices'],
        summary: 'Offices of your tenant with opening hours',
        response: { 200: Type.Object({ items: Type.Array(Type.Ref('Office')) }), 401: problemResponse() },
      },
    },
    async (request) => {
      requireOperator(request);
      return { items: await listOfficesFor(ctxOf(request, deps)) };
    },
  );
  app.get(
    '/api/v1/offices/:id',
    {
      schema: {
        tags: ['offices'],
        summary: 'One office of your tenant',
        params: Type.Object({ id: Type.String({ maxLength: 100 }) }),
        response: { 200: Type.Ref('Office'), 401: problemResponse(), 404: problemResponse() },
      },
    },
    async (request) => {
      requireOperator(request);
      return getOffice(ctxOf(request, deps), request.params.id);
    },
  );
}
