import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { buildApp } from '../../src/entrypoints/server.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { Clock } from '../../src/platform/context.ts';
import type { Db } from '../../src/platform/db/database.ts';
import { fileMailer, type Mailer } from '../../src/platform/mail.ts';

/**
 * The real application on a test database, with logging off, an optional fixed clock and an optional
 * mailer (e.g. `smtpMailer(smtp.url, …)` against the server of test/support/smtp.ts).
 */
export async function buildTestApp(
  db: Db,
  options: { clock?: Clock; env?: Record<string, string>; mailer?: Mailer } = {},
) {
  const config = loadConfig({ LOG_LEVEL: 'silent', ...options.env });
  const app = await buildApp({
    config,
    db,
    cookieSecret: 'test-cookie-secret-that-is-long-enough-123',
    ...(options.clock ? { clock: options.clock } : {}),
    // Without a mailer of its own a test's mail goes to .eml files in the system temp folder, not in data/.
    mailer: options.mailer ?? fileMailer(path.join(tmpdir(), 'segretariato-test-mail'), config.mailFrom),
  });
  await app.ready();
  afterAll(() => app.close());
  return app;
}

type Injected = Awaited<ReturnType<Awaited<ReturnType<typeof buildTestApp>>['inject']>>;

/** Keeps cookies between injected requests, like a browser, and reads CSRF tokens from forms. */
export class Browser {
  private cookies = new Map<string, string>();
  constructor(private readonly app: Awaited<ReturnType<typeof buildTestApp>>) {}

  private remember(res: Injected) {
    for (const c of res.cookies) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  async get(url: string) {
    return this.remember(await this.app.inject({ method: 'GET', url, cookies: Object.fromEntries(this.cookies) }));
  }

  async post(url: string, form: Record<string, string>) {
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        cookies: Object.fromEntries(this.cookies),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(form).toString(),
      }),
    );
  }

  /** GETs a page, then posts its form with the page's CSRF token. */
  async submit(pageUrl: string, action: string, form: Record<string, string>) {
    const page = await this.get(pageUrl);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return this.post(action, { ...form, _csrf: csrf });
  }

  async login(username: string, password: string) {
    return this.submit('/accedi', '/accedi', { username, password });
  }
}
