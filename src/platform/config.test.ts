import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('has working defaults for a first start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      mode: 'demo',
      host: '127.0.0.1',
      port: 3000,
      dataDir: path.resolve('data'),
      databaseUrl: undefined,
    });
  });

  it.each([
    ['PORT', '70000', 'a whole number from 0 to 65535'],
    ['PORT', '3000abc', 'a whole number'],
    ['SEGRETARIATO_MODE', 'staging', 'one of demo, production'],
    ['LOG_LEVEL', 'loud', 'one of fatal'],
    ['DATABASE_URL', 'mysql://u@h/db', 'a postgres:// or postgresql:// URL'],
    ['DATABASE_URL', 'not a url', 'a URL like postgres://'],
    ['SESSION_IDLE_MINUTES', '0', 'a whole number from 1'],
    ['TRUST_PROXY', 'maybe', 'true or false'],
    ['COOKIE_SECRET', 'short', 'at least 32 random characters'],
  ])('rejects %s=%s naming the variable and what is expected', (name, value, expected) => {
    let error: unknown;
    try {
      loadConfig({ [name]: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe(name);
    expect((error as ConfigError).message).toContain(expected);
  });

  it('requires a cookie secret in production and never echoes it', () => {
    expect(() => loadConfig({ SEGRETARIATO_MODE: 'production' })).toThrow(/COOKIE_SECRET/);
    try {
      loadConfig({ COOKIE_SECRET: 'tiny-secret' });
    } catch (e) {
      expect((e as Error).message).not.toContain('tiny-secret');
    }
  });

  it('never echoes a database password', () => {
    try {
      loadConfig({ DATABASE_URL: 'mysql://user:hunter2@host/db' });
    } catch (e) {
      expect((e as Error).message).not.toContain('hunter2');
    }
  });
});
