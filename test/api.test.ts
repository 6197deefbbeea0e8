import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeApiToken } from '../src/modules/identity/index.ts';
import { systemClock } from '../src/platform/context.ts';
import type { Db } from '../src/platform/db/database.ts';
import { buildTestApp } from './support/app.ts';
import { freshDatabase } from './support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOffice,
  type TestOperator,
} from './support/factories.ts';

// The API contract: the OpenAPI document, problem details on every error, the probes, and no secrets out.
let db: Db;
let url: string;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let office: TestOffice;
let auditor: TestOperator;
let auditorToken: string;
let workerToken: string;

beforeAll(async () => {
  ({ db, url } = await freshDatabase());
  const tenant = await buildTenant(db);
  office = await buildOffice(db, tenant);
  auditor = await buildOperator(db, tenant, 'auditor');
  auditorToken = await buildToken(db, auditor);
  workerToken = await buildToken(db, await buildOperator(db, tenant, 'social_worker', { offices: [office] }));
  app = await buildTestApp(db);
});

const get = (path: string, token?: string) =>
  app.inject({ url: path, headers: token ? { authorization: `Bearer ${token}` } : {} });

type Json = Record<string, unknown>;
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}
type OpenApi = Json & { openapi: string; paths: Record<string, Record<string, Operation>>; components: Json };

async function openapi(): Promise<OpenApi> {
  const res = await get('/openapi.json');
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('application/json');
  return JSON.parse(res.body) as OpenApi;
}

/** The app's own API routes (Fastify's printRoutes tree) as `METHOD /path`, `/:id` written `/{id}`. */
function apiRoutes(): string[] {
  const stack: string[] = [];
  const found = new Set<string>();
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ├└─]*)(\S+) \(([^)]*)\)/u.exec(line);
    if (!m) continue;
    const depth = [...(m[1] ?? '')].length / 4;
    stack.length = depth;
    stack[depth] = m[2] ?? '';
    const full = stack.join('');
    if (!full.startsWith('/api/v1/')) continue;
    for (const method of (m[3] ?? '').split(', ')) {
      if (method !== 'HEAD' && method !== 'OPTIONS') found.add(`${method} ${full.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return [...found].sort();
}

function validator(doc: OpenApi) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajvFormats.default(ajv);
  // Each schema is compiled with the document's components beside it, so `#/components/...` resolves.
  return (schema: Json) => ajv.compile({ ...schema, components: doc.components });
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1.0 JSON with a title and version', async () => {
    const doc = await openapi();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
  });

  it('lists every /api/v1 route of the app, each with a JSON schema for its success response', async () => {
    const doc = await openapi();
    const routes = apiRoutes();
    expect(routes).toEqual(
      expect.arrayContaining(['GET /api/v1/audit-events', 'GET /api/v1/offices', 'GET /api/v1/offices/{id}']),
    );
    const documented = Object.entries(doc.paths).flatMap(([route, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${route}`),
    );
    expect(documented.sort()).toEqual(routes);
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
        expect(success.length, `${method} ${route} success response`).toBeGreaterThan(0);
        for (const [status, response] of success) {
          if (status === '204') continue;
          expect(response.content?.['application/json']?.schema, `${method} ${route} ${status} schema`).toBeTruthy();
        }
      }
    }
  });

  it('is made of valid JSON Schema 2020-12 whose references all resolve', async () => {
    const doc = await openapi();
    const compile = validator(doc);
    let compiled = 0;
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const op of Object.values(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            expect(() => compile(media.schema ?? {}), `${route} ${status}`).not.toThrow();
            compiled++;
          }
        }
      }
    }
    expect(compiled).toBeGreaterThanOrEqual(6);
  });

  it('describes what the API really sends: live responses validate against their documented schemas', async () => {
    const doc = await openapi();
    const compile = validator(doc);
    const cases: [string, string, string, string?][] = [
      ['/api/v1/offices', '/api/v1/offices', '200', workerToken],
      [`/api/v1/offices/${office.id}`, '/api/v1/offices/{id}', '200', workerToken],
      ['/api/v1/audit-events', '/api/v1/audit-events', '200', auditorToken],
      ['/api/v1/audit-events', '/api/v1/audit-events', '403', workerToken],
      [`/api/v1/offices/${crypto.randomUUID()}`, '/api/v1/offices/{id}', '404', workerToken],
    ];
    for (const [url, route, status, token] of cases) {
      const res = await get(url, token);
      expect(String(res.statusCode), url).toBe(status);
      const content = doc.paths[route]?.get?.responses[status]?.content ?? {};
      const schema = Object.values(content)[0]?.schema;
      expect(schema, `${route} ${status} documented`).toBeTruthy();
      const validate = compile(schema ?? {});
      expect(validate(res.json()), `${url}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('documents every error status the API answers (each one is provoked in the tests below)', async () => {
    const doc = await openapi();
    const provoked: [string, number][] = [
      ['/api/v1/offices', 401],
      ['/api/v1/offices/{id}', 401],
      ['/api/v1/offices/{id}', 404],
      ['/api/v1/audit-events', 400],
      ['/api/v1/audit-events', 401],
      ['/api/v1/audit-events', 403],
    ];
    const undocumented = provoked.filter(([route, status]) => !doc.paths[route]?.get?.responses[String(status)]);
    expect(undocumented.map(([route, status]) => `GET ${route} ${status}`)).toEqual([]);
  });

  it('documents every error response under its real media type, application/problem+json', async () => {
    const doc = await openapi();
    const wrong: string[] = [];
    for (const [route, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        for (const [status, response] of Object.entries(op.responses)) {
          const types = Object.keys(response.content ?? {});
          if (Number(status) >= 400 && types.join() !== 'application/problem+json') {
            wrong.push(`${method.toUpperCase()} ${route} ${status}: ${types.join(', ')}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('API errors are RFC 9457 problem details', () => {
  const expectProblem = (res: Awaited<ReturnType<typeof get>>, status: number) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body).toMatchObject({ type: expect.stringMatching(/^https?:\/\//), title: expect.any(String), status });
    expect(body.title.length).toBeGreaterThan(0);
    return body;
  };

  it('401 without a token', async () => {
    expectProblem(await get('/api/v1/offices'), 401);
    expectProblem(await get(`/api/v1/offices/${office.id}`), 401);
    expectProblem(await get('/api/v1/audit-events'), 401);
  });

  it('401 with an unknown token, or a header that is not a bearer token', async () => {
    const res = await get('/api/v1/offices', 'seg_not-a-real-token');
    expectProblem(res, 401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    const basic = await app.inject({ url: '/api/v1/offices', headers: { authorization: 'Basic dXNlcjpwYXNz' } });
    expectProblem(basic, 401);
  });

  it('401 with a revoked token', async () => {
    const op = await buildOperator(db, { id: auditor.tenant.id, code: auditor.tenant.code, name: '' }, 'coordinator');
    const token = await buildToken(db, op);
    expect((await get('/api/v1/offices', token)).statusCode).toBe(200);
    const row = await db
      .selectFrom('api_token')
      .select('id')
      .where('user_id', '=', op.userId)
      .executeTakeFirstOrThrow();
    await revokeApiToken({ db, clock: systemClock, requestId: 'test-revoke' }, row.id);
    expectProblem(await get('/api/v1/offices', token), 401);
  });

  it('404 for an unknown office', async () => {
    const body = expectProblem(await get(`/api/v1/offices/${crypto.randomUUID()}`, workerToken), 404);
    expect(body.instance).toMatch(/^urn:request:/);
  });

  it('403 for a role without the permission', async () => {
    expectProblem(await get('/api/v1/audit-events', workerToken), 403);
  });

  it('400 for a bad query, naming the field', async () => {
    const body = expectProblem(await get('/api/v1/audit-events?before=abc', auditorToken), 400);
    expect(body.errors).toEqual([expect.objectContaining({ pointer: '/querystring/before' })]);
    expectProblem(await get('/api/v1/audit-events?from=2026-13-45', auditorToken), 400);
  });

  it('404 problem for an unknown API path', async () => {
    expectProblem(await get('/api/v1/nothing-here', workerToken), 404);
  });
});

describe('probes', () => {
  it('/healthz is 200', async () => {
    const res = await get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 and ready on a migrated database with a tenant', async () => {
    const res = await get('/readyz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ready', problems: [] });
  });

  it('/metrics has request durations labelled by route pattern, never the raw URL', async () => {
    await get(`/api/v1/offices/${office.id}`, workerToken);
    const res = await get('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('http_request_duration_seconds');
    expect(res.body).toMatch(/http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/offices\/:id"/);
    expect(res.body).not.toContain(office.id);
  });
});

describe('no secrets in responses or logs (the real server process, logging at trace level)', () => {
  let server: ChildProcess | undefined;
  let output = '';
  let base = '';
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'segretariato-api-test-'));

  beforeAll(async () => {
    server = spawn(process.execPath, ['bin/segretariato.js', 'serve'], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        SEGRETARIATO_MODE: 'production',
        COOKIE_SECRET: 'a-cookie-secret-for-the-log-test-0123456789',
        HOST: '127.0.0.1',
        PORT: '0',
        LOG_LEVEL: 'trace',
        DATA_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const started = new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const m = /running at (http:\/\/\S+)/.exec(output);
        if (m?.[1]) resolve(m[1]);
      };
      server?.stdout?.on('data', seen);
      server?.stderr?.on('data', seen);
      server?.on('exit', (code) => reject(new Error(`server exited ${code}: ${output}`)));
    });
    base = await started;
  });

  afterAll(async () => {
    const running = server;
    if (running && running.exitCode === null) {
      const exited = new Promise((r) => running.once('exit', r));
      running.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A minimal browser over real HTTP: keeps cookies, reads the CSRF token of the last form. */
  function client() {
    const jar = new Map<string, string>();
    let csrf = '';
    const bodies: string[] = [];
    const request = async (path: string, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await fetch(base + path, { ...init, headers, redirect: 'manual' });
      for (const c of res.headers.getSetCookie()) {
        const [pair = ''] = c.split(';');
        const [name = '', value = ''] = pair.split('=');
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      const text = await res.text();
      bodies.push(text);
      csrf = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? csrf;
      return { status: res.status, text };
    };
    const post = (path: string, form: Record<string, string>) =>
      request(path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
      });
    return { request, post, bodies };
  }

  it('sign-in, a failed sign-in, a password change and API calls leak no password or token', async () => {
    const tenant = { id: auditor.tenant.id, code: auditor.tenant.code, name: '' };
    const secret = 'Sesamo-apriti-2026-unico';
    const wrong = 'Password-sbagliata-2026-unica';
    const next = 'Nuova-passphrase-2026-unica';
    const op = await buildOperator(db, tenant, 'front_office', { password: secret });
    const token = await buildToken(db, op);

    const browser = client();
    await browser.request('/accedi');
    expect((await browser.post('/accedi', { username: op.username, password: wrong })).status).toBe(401);
    await browser.request('/accedi');
    expect((await browser.post('/accedi', { username: op.username, password: secret })).status).toBe(303);
    await browser.request('/operatori/password');
    const changed = await browser.post('/operatori/password', { current: secret, next, confirm: next });
    expect(changed.status).toBe(200);
    await browser.request('/operatori/password');
    const refused = await browser.post('/operatori/password', { current: wrong, next: wrong, confirm: wrong });
    expect(refused.status).toBe(422);
    const api = await browser.request('/api/v1/offices', { headers: { authorization: `Bearer ${token}` } });
    expect(api.status).toBe(200);
    await browser.request('/api/v1/offices', { headers: { authorization: `Bearer ${token}x` } });

    // Logs are flushed line by line; wait until the last request's completion is written.
    await expect.poll(() => output.split('request completed').length - 1, { timeout: 5000 }).toBeGreaterThan(8);

    expect(output).toContain('"route":"/accedi"'); // the log really is written at this level…
    for (const leaked of [secret, wrong, next, token]) {
      expect(output, 'server log').not.toContain(leaked); // …and holds none of these.
      for (const body of browser.bodies) expect(body).not.toContain(leaked);
    }
    const events = await db.selectFrom('audit_event').select('details').execute();
    for (const leaked of [secret, wrong, next, token]) expect(JSON.stringify(events)).not.toContain(leaked);
  });
});
