import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Config } from '../platform/config.ts';
import { createDb, type Db } from '../platform/db/database.ts';
import { openEmbedded } from '../platform/db/embedded.ts';

export interface Database {
  db: Db;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
}

/** Opens the configured database: DATABASE_URL if set, else the embedded server in DATA_DIR. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  owner: 'server' | 'command',
  log: (m: string) => void,
): Promise<Database> {
  if (config.databaseUrl) {
    const db = createDb(config.databaseUrl);
    return { db, url: config.databaseUrl, embedded: false, close: () => db.destroy() };
  }
  const server = await openEmbedded(config.dataDir, { owner, log });
  const db = createDb(server.url);
  return {
    db,
    url: server.url,
    embedded: true,
    close: async () => {
      await db.destroy();
      await server.stop();
    },
  };
}

export class AlreadyRunning extends Error {}

/**
 * One app server per data folder. The lock is a PostgreSQL session advisory lock held on its own
 * connection: if the server dies (even by kill -9) the connection drops and the lock goes with it.
 */
export async function holdServerLock(url: string, dataDir: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: 'segretariato-server-lock' });
  await client.connect();
  const got = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock(7272002) AS ok');
  if (!got.rows[0]?.ok) {
    await client.end();
    throw new AlreadyRunning(
      `Another Segretariato server is already running on the data folder ${dataDir}. Stop it first, or start this one with a different DATA_DIR.`,
    );
  }
  client.on('error', () => {}); // a dropped lock connection surfaces when the server stops
  return client;
}

/** The cookie-signing secret: COOKIE_SECRET, or one generated once and kept in DATA_DIR. */
export async function cookieSecret(config: Pick<Config, 'cookieSecret' | 'dataDir'>): Promise<string> {
  if (config.cookieSecret) return config.cookieSecret;
  const file = path.join(config.dataDir, 'cookie-secret');
  const existing = await fs.readFile(file, 'utf8').catch(() => undefined);
  if (existing && existing.trim().length >= 32) return existing.trim();
  const secret = randomBytes(32).toString('base64url');
  await fs.mkdir(config.dataDir, { recursive: true });
  await fs.writeFile(file, secret, { mode: 0o600 });
  return secret;
}
