import path from 'node:path';

/** Runtime configuration, read once from the environment and validated at start. */
export interface Config {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  dataDir: string;
  /** External PostgreSQL 15+; when absent the app runs its own embedded server in `dataDir`. */
  databaseUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  cookieSecret: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  trustProxy: boolean;
  defaultTenant: string | undefined;
  /** smtp:// or smtps:// URL of the outgoing mail server; when absent mail is written to DATA_DIR/mail as .eml files. */
  smtpUrl: string | undefined;
  /** Sender of outgoing mail, e.g. `Comune di Monza <servizisociali@comune.monza.it>`. */
  mailFrom: string;
  /** Address residents reach the site at, for links in mail sent outside a request (reminders). */
  publicUrl: string;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly expected: string,
    readonly got: string,
  ) {
    super(`Invalid configuration: ${variable}=${JSON.stringify(got)} — expected ${expected}.`);
  }
}

type Env = Record<string, string | undefined>;

function oneOf<T extends string>(env: Env, name: string, values: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if ((values as readonly string[]).includes(raw)) return raw as T;
  throw new ConfigError(name, `one of ${values.join(', ')}`, raw);
}

function integer(env: Env, name: string, min: number, max: number, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    throw new ConfigError(name, `a whole number from ${min} to ${max}`, raw);
  }
  return n;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  if (['0', 'false', 'no'].includes(raw)) return false;
  throw new ConfigError(name, 'true or false', raw);
}

function databaseUrl(env: Env): string | undefined {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL', 'a URL like postgres://user:password@host:5432/database', '(unparseable)');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError('DATABASE_URL', 'a postgres:// or postgresql:// URL', `${url.protocol}…`);
  }
  return raw;
}

function smtpUrl(env: Env): string | undefined {
  const raw = env.SMTP_URL;
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('SMTP_URL', 'a URL like smtp://user:password@host:587', '(unparseable)');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new ConfigError('SMTP_URL', 'an smtp:// or smtps:// URL', `${url.protocol}…`);
  }
  return raw;
}

function mailFrom(env: Env, smtp: string | undefined): string {
  const raw = env.MAIL_FROM;
  if (raw === undefined || raw === '') {
    if (smtp !== undefined) throw new ConfigError('MAIL_FROM', 'to be set when SMTP_URL is set', '');
    return 'Segretariato <noreply@localhost>';
  }
  if (!/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw)) {
    throw new ConfigError(
      'MAIL_FROM',
      'an address like servizi@comune.example.it or Name <servizi@comune.example.it>',
      raw,
    );
  }
  return raw;
}

function publicUrl(env: Env, port: number): string {
  const raw = env.PUBLIC_URL;
  if (raw === undefined || raw === '') return `http://localhost:${port}`;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PUBLIC_URL', 'a URL like https://servizisociali.comune.example.it', raw);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError('PUBLIC_URL', 'an http:// or https:// URL', raw);
  }
  return raw.replace(/\/+$/, '');
}

export function loadConfig(env: Env = process.env): Config {
  const mode = oneOf(env, 'SEGRETARIATO_MODE', ['demo', 'production'] as const, 'demo');
  const cookieSecret = env.COOKIE_SECRET || undefined;
  if (cookieSecret !== undefined && cookieSecret.length < 32) {
    throw new ConfigError('COOKIE_SECRET', 'at least 32 random characters', '(too short)');
  }
  if (mode === 'production' && cookieSecret === undefined) {
    throw new ConfigError('COOKIE_SECRET', 'to be set in production mode (at least 32 random characters)', '');
  }
  const host = env.HOST || '127.0.0.1';
  const smtp = smtpUrl(env);
  const port = integer(env, 'PORT', 0, 65535, 3000);
  return {
    mode,
    host,
    port,
    dataDir: path.resolve(env.DATA_DIR || 'data'),
    databaseUrl: databaseUrl(env),
    logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
    cookieSecret,
    sessionIdleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 1, 24 * 60, 30),
    sessionMaxHours: integer(env, 'SESSION_MAX_HOURS', 1, 72, 12),
    trustProxy: flag(env, 'TRUST_PROXY', false),
    defaultTenant: env.DEFAULT_TENANT || undefined,
    smtpUrl: smtp,
    mailFrom: mailFrom(env, smtp),
    publicUrl: publicUrl(env, port),
  };
}
