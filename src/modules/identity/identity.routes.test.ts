import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import {
  buildOffice,
  buildOperator,
  buildTenant,
  buildToken,
  type TestOperator,
} from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';
import { MAX_FAILED_LOGINS, purgeExpiredSessions } from './identity.service.ts';

let db: Db;
let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  app = await buildTestApp(db);
});

const auditActions = async (userId: string) =>
  (
    await db
      .selectFrom('audit_event')
      .select(['action', 'outcome'])
      .where('record_id', '=', userId)
      .orderBy('seq')
      .execute()
  ).map((e) => `${e.action}:${e.outcome}`);

describe('operator sign-in', () => {
  it('signs in, shows the operator home, signs out', async () => {
    const browser = new Browser(app);
    const res = await browser.login(worker.username, worker.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/operatori');
    const sid = browser.cookie('sid');
    expect(sid).toBeTruthy();
    const cookie = res.cookies.find((c) => c.name === 'sid');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');

    const home = await browser.get('/operatori');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain(`Operatore ${worker.username}`);

    const out = await browser.submit('/operatori', '/esci', {});
    expect(out.statusCode).toBe(303);
    expect(browser.cookie('sid')).toBeUndefined();
    const after = await new Browser(app).get('/operatori');
    expect(after.statusCode).toBe(303);
    // The old cookie no longer opens anything.
    const replay = await app.inject({ method: 'GET', url: '/operatori', cookies: { sid: sid ?? '' } });
    expect(replay.statusCode).toBe(303);
    expect(await auditActions(worker.userId)).toEqual(
      expect.arrayContaining(['session.login:ok', 'session.logout:ok']),
    );
  });

  it('refuses a wrong password with a message in the user language', async () => {
    const browser = new Browser(app);
    const res = await browser.login(worker.username, 'wrong password!');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('Nome utente o password non corretti.');
    expect(browser.cookie('sid')).toBeUndefined();
  });

  it('rejects a form posted without its CSRF token, and writes nothing', async () => {
    const before = await db.selectFrom('user_session').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    const browser = new Browser(app);
    await browser.get('/accedi');
    const res = await browser.post('/accedi', {
      username: worker.username,
      password: worker.password,
      _csrf: 'forged',
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Il modulo è scaduto');
    const after = await db.selectFrom('user_session').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('locks the account after repeated failures, even for the right password', async () => {
    const tenant = await buildTenant(db);
    const victim = await buildOperator(db, tenant, 'front_office');
    const browser = new Browser(app);
    for (let i = 0; i < MAX_FAILED_LOGINS - 1; i++) {
      expect((await browser.login(victim.username, 'nope nope nope')).statusCode).toBe(401);
    }
    const locking = await browser.login(victim.username, 'nope nope nope');
    expect(locking.statusCode).toBe(429);
    const right = await browser.login(victim.username, victim.password);
    expect(right.statusCode).toBe(429);
    expect(right.body).toMatch(/bloccato per \d+ minuti/);
    expect(await auditActions(victim.userId)).toContain('session.login:denied');
  });

  it('starts a fresh count once a lock has run out', async () => {
    const tenant = await buildTenant(db);
    const op = await buildOperator(db, tenant, 'front_office');
    let now = new Date('2026-06-01T08:00:00Z');
    const clocked = await buildTestApp(db, { clock: { now: () => now } });
    const browser = new Browser(clocked);
    for (let i = 0; i < MAX_FAILED_LOGINS; i++) await browser.login(op.username, 'wrong wrong wrong');
    expect((await browser.login(op.username, op.password)).statusCode).toBe(429);
    now = new Date(now.getTime() + 16 * 60_000);
    expect((await browser.login(op.username, 'one more typo')).statusCode).toBe(401);
    expect((await browser.login(op.username, op.password)).statusCode).toBe(303);
  });

  it('ignores bearer tokens on pages (pages need a session)', async () => {
    const tenant = await buildTenant(db);
    const token = await buildToken(db, await buildOperator(db, tenant, 'coordinator'));
    const res = await app.inject({ method: 'GET', url: '/operatori', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/accedi');
  });

  it('expires an idle session', async () => {
    let now = new Date('2026-03-02T09:00:00Z');
    const clocked = await buildTestApp(db, { clock: { now: () => now } });
    const browser = new Browser(clocked);
    await browser.login(worker.username, worker.password);
    expect((await browser.get('/operatori')).statusCode).toBe(200);
    now = new Date(now.getTime() + 31 * 60_000);
    const expired = await browser.get('/operatori');
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/accedi?sessione=scaduta');
  });
});

describe('password change', () => {
  it('validates, changes the password and closes other sessions', async () => {
    const tenant = await buildTenant(db);
    const op = await buildOperator(db, tenant, 'coordinator');
    const first = new Browser(app);
    const second = new Browser(app);
    await first.login(op.username, op.password);
    await second.login(op.username, op.password);

    const short = await first.submit('/operatori/password', '/operatori/password', {
      current: op.password,
      next: 'short',
      confirm: 'short',
    });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('almeno 12 caratteri');

    const next = 'a much longer passphrase 2026';
    const ok = await first.submit('/operatori/password', '/operatori/password', {
      current: op.password,
      next,
      confirm: next,
    });
    expect(ok.statusCode).toBe(200);
    expect((await first.get('/operatori')).statusCode).toBe(200);
    expect((await second.get('/operatori')).statusCode).toBe(303);
    expect((await new Browser(app).login(op.username, next)).statusCode).toBe(303);
  });
});

describe('expired session purge', () => {
  it('removes idle and over-age sessions and keeps live ones', async () => {
    const tenant = await buildTenant(db);
    const op = await buildOperator(db, tenant, 'front_office');
    let now = new Date('2026-04-01T08:00:00Z');
    const clocked = await buildTestApp(db, { clock: { now: () => now } });
    await new Browser(clocked).login(op.username, op.password);
    now = new Date(now.getTime() + 10 * 60_000);
    await new Browser(clocked).login(op.username, op.password);
    const count = async () =>
      (await db.selectFrom('user_session').select('token_hash').where('user_id', '=', op.userId).execute()).length;
    expect(await count()).toBe(2);
    now = new Date(now.getTime() + 25 * 60_000); // first is 35 min idle, second 25
    await purgeExpiredSessions({ db, clock: { now: () => now }, session: { idleMinutes: 30, maxHours: 12 } });
    expect(await count()).toBe(1);
  });
});
