import { beforeAll, describe, expect, it } from 'vitest';
import { accessScopes } from './access.fixture.ts';

// The access API beyond permissions: created vs attached, field errors, the OpenAPI document.
let s: Awaited<ReturnType<typeof accessScopes>>;
let person: string;
beforeAll(async () => {
  s = await accessScopes();
  const res = await s.api('POST', '/api/v1/people', s.operators.front_office.token, {
    givenNames: 'Mario',
    familyNames: 'Registro',
  });
  person = res.json<{ id: string }>().id;
});

const body = (over: object = {}) => ({
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  persons: [person],
  requests: [{ needAreaId: s.area.housing, reason: 'Bolletta' }],
  ...over,
});

describe('POST /api/v1/accesses', () => {
  it('answers 201 for a new access and 200 with attached = true for the same person again today', async () => {
    const token = s.operators.front_office.token;
    const first = await s.api('POST', '/api/v1/accesses', token, body());
    expect(first.statusCode).toBe(201);
    const created = first.json<{ attached: boolean; access: { id: string; code: string } }>();
    expect(created.attached).toBe(false);
    expect(first.headers.location).toBe(`/api/v1/accesses/${created.access.id}`);
    const again = await s.api(
      'POST',
      '/api/v1/accesses',
      s.operators.social_worker.token,
      body({ requests: [{ needAreaId: s.area.school, reason: 'Mensa' }] }),
    );
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      attached: true,
      access: {
        id: created.access.id,
        code: created.access.code,
        requests: [{ reason: 'Bolletta' }, { reason: 'Mensa' }],
      },
    });
  });

  it('answers 422 problem+json naming each bad field, from the schema and from the rules', async () => {
    const token = s.operators.front_office.token;
    const shape = await s.api('POST', '/api/v1/accesses', token, body({ channel: 'fax', requests: [] }));
    expect(shape.statusCode).toBe(422);
    expect(shape.headers['content-type']).toContain('application/problem+json');
    const pointers = shape.json<{ errors: { pointer: string }[] }>().errors.map((e) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/channel', '/body/requests']));

    const rules = await s.api(
      'POST',
      '/api/v1/accesses',
      token,
      body({ persons: [], urgency: 'immediate', requests: [{ needAreaId: s.area.housing, reason: '   ' }] }),
    );
    expect(rules.statusCode).toBe(422);
    expect(rules.json<{ errors: unknown[] }>().errors).toEqual([
      { pointer: '/requests/0/reason', detail: 'required' },
      { pointer: '/urgencyReason', detail: 'required' },
    ]);
    expect(await s.db.selectFrom('access_request').select('id').where('reason', '=', '   ').execute()).toEqual([]);
  });
});

describe('OpenAPI', () => {
  it('documents the access routes with their errors as problem+json', async () => {
    const doc = (await s.api('GET', '/openapi.json', s.operators.admin.token)).json<{
      paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, unknown> }> }>>;
    }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/accesses', '/api/v1/accesses/{id}', '/api/v1/need-areas']),
    );
    const post = doc.paths['/api/v1/accesses']?.post?.responses ?? {};
    expect(Object.keys(post).sort()).toEqual(['200', '201', '401', '403', '422']);
    expect(Object.keys(post['422']?.content ?? {})).toEqual(['application/problem+json']);
    expect(Object.keys(doc.paths['/api/v1/accesses/{id}']?.get?.responses['404']?.content ?? {})).toEqual([
      'application/problem+json',
    ]);
  });
});
