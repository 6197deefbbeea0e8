import path from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { HSDS_EXAMPLES, importInto } from '../../../test/support/directory.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import { loadSchema, validateAgainst, validateServicePart } from './hsds.schemas.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
const SERVICE = 'ac148810-d857-441c-9679-408f346de14b';
const ORGANIZATION = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
const TERM = '3f7b145d-84af-42d7-8fae-eaca714b02b2';

beforeAll(async () => {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  await importInto(db, tenant.id, path.join(HSDS_EXAMPLES, 'csv'));
  await importInto(db, tenant.id, path.join(HSDS_EXAMPLES, 'service_full.json'));
  app = await buildTestApp(db);
}, 60_000);

const ajv = new Ajv({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv) => void)(ajv);
const openapi = loadSchema('openapi') as {
  components: { schemas: { Page: object } };
  paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: object } } } } } }>;
};
const pageValid = ajv.compile(openapi.components.schemas.Page);
const baseValid = ajv.compile(openapi.paths['/']?.get.responses[200].content['application/json'].schema ?? {});

async function getJson(url: string) {
  const res = await app.inject({ method: 'GET', url });
  expect(res.statusCode, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  return res.json();
}

/** A paginated response: the Page fields, and every item valid against its schema. */
async function page(url: string, check: (item: unknown) => { pointer: string; message: string }[]) {
  const body = await getJson(url);
  expect(pageValid(body), `${url}: ${JSON.stringify(pageValid.errors)}`).toBe(true);
  expect(Array.isArray(body.contents)).toBe(true);
  expect(body.size).toBe(body.contents.length);
  for (const item of body.contents) expect(check(item), url).toEqual([]);
  return body;
}

describe('HSDS API contract: every response validates against the official schemas', () => {
  it('/hsds/ describes the API', async () => {
    const body = await getJson('/hsds/');
    expect(baseValid(body)).toBe(true);
    expect(body.version).toBe('3.0');
    expect((await getJson('/hsds/openapi.json')).paths['/services']).toBeDefined();
  });

  it('/hsds/services in list, full and minimal forms, with the spec filters and paging', async () => {
    const list = await page('/hsds/services', (s) => validateAgainst('service_list', s));
    expect(list).toMatchObject({ total_items: 1, page_number: 1, first_page: true, last_page: true, empty: false });
    expect(list.contents[0]).toMatchObject({ id: SERVICE, organization: { id: ORGANIZATION } });
    expect(list.contents[0].phones).toBeUndefined();
    const full = await page('/hsds/services?full=true', (s) => validateAgainst('service', s));
    expect(full.contents[0].phones.length).toBeGreaterThan(0);
    await page('/hsds/services?minimal=true', (s) => validateAgainst('service_list', s));
    for (const q of [
      'search=counselling',
      `taxonomy_term_id=${TERM}`,
      `organization_id=${ORGANIZATION}`,
      'modified_after=2020-01-01T00:00:00Z',
      'page=1&per_page=1',
    ]) {
      const r = await page(`/hsds/services?${q}`, (s) => validateAgainst('service_list', s));
      expect(r.total_items, q).toBe(1);
    }
    for (const q of [
      'search=zzzqqq',
      'organization_id=6f1c1a52-3a0e-4c55-9b62-8d8a4c0a7e11',
      'modified_after=2030-01-01T00:00:00Z',
    ]) {
      const r = await page(`/hsds/services?${q}`, (s) => validateAgainst('service_list', s));
      expect(r, q).toMatchObject({ total_items: 0, empty: true, contents: [] });
    }
    const beyond = await page('/hsds/services?page=2&per_page=1', (s) => validateAgainst('service_list', s));
    expect(beyond).toMatchObject({ page_number: 2, empty: true, total_items: 1, last_page: true });
  });

  it('/hsds/services/{id} is the full service; unknown ids and bad parameters are problems', async () => {
    const s = await getJson(`/hsds/services/${SERVICE}`);
    expect(validateAgainst('service', s)).toEqual([]);
    expect(s.service_at_locations[0].location.addresses.length).toBeGreaterThan(0);
    expect(s.attributes[0].taxonomy_term.taxonomy_detail).toBeDefined();
    const missing = await app.inject({ url: '/hsds/services/6f1c1a52-3a0e-4c55-9b62-8d8a4c0a7e11' });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await app.inject({ url: '/hsds/services/not-a-uuid' })).statusCode).toBe(400);
    expect((await app.inject({ url: '/hsds/services?per_page=5000' })).statusCode).toBe(400);
  });

  it('/hsds/organizations and /hsds/organizations/{id}', async () => {
    const list = await page('/hsds/organizations', (o) => validateAgainst('organization_list', o));
    expect(list.contents[0].id).toBe(ORGANIZATION);
    await page('/hsds/organizations?full=true', (o) => validateAgainst('organization', o));
    await page('/hsds/organizations?search=example', (o) => validateAgainst('organization_list', o));
    const org = await getJson(`/hsds/organizations/${ORGANIZATION}`);
    expect(validateAgainst('organization', org)).toEqual([]);
    expect(org.services[0].id).toBe(SERVICE);
    const withFull = await getJson(`/hsds/organizations/${ORGANIZATION}?full_service=true`);
    expect(validateAgainst('organization', withFull)).toEqual([]);
    expect(withFull.services[0].phones.length).toBeGreaterThan(0);
  });

  it('/hsds/taxonomies, /hsds/taxonomy_terms and /hsds/service_at_locations', async () => {
    const taxonomy = (t: unknown) => validateServicePart(['attributes', 'taxonomy_term', 'taxonomy_detail'], t);
    const term = (t: unknown) => validateServicePart(['attributes', 'taxonomy_term'], t);
    expect((await page('/hsds/taxonomies', taxonomy)).total_items).toBe(1);
    expect((await page(`/hsds/taxonomy_terms`, term)).total_items).toBe(1);
    await page('/hsds/taxonomy_terms?top_only=true&search=category', term);
    const sal = await page('/hsds/service_at_locations', (x) => validateAgainst('service_at_location_list', x));
    expect(sal.contents[0]).toMatchObject({ service: { id: SERVICE }, location: {} });
    await page(`/hsds/service_at_locations?taxonomy_term_id=${TERM}&full=true`, (x) =>
      validateAgainst('service_at_location_list', x),
    );
  });
});
