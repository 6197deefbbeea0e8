import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../../src/platform/db/database.ts';
import { openEmbedded } from '../../src/platform/db/embedded.ts';
import { migrate } from '../../src/platform/db/migrate.ts';

export const TEMPLATE = 'segretariato_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Server URL without a database name, e.g. postgres://u:p@127.0.0.1:5432 */
    pgServer: string;
    pgFlavour: string;
  }
}

/**
 * One PostgreSQL server for the whole run: TEST_DATABASE_URL (CI: Debian's PostgreSQL 15) or the
 * embedded server in .tmp/test-pg. A template database is migrated once; each test file copies it.
 */
export default async function setup(project: TestProject) {
  let serverUrl: string;
  let stop = async () => {};
  if (process.env.TEST_DATABASE_URL) {
    const u = new URL(process.env.TEST_DATABASE_URL);
    u.pathname = '';
    serverUrl = u.toString().replace(/\/$/, '');
  } else {
    // Each run gets its own server in the system temp folder (PostgreSQL runs as the OS user postgres
    // when we are root, and must reach it), so parallel runs never stop or drop each other's databases.
    const dir = process.env.TEST_PG_DIR ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'segretariato-test-pg-')));
    await fs.chmod(dir, 0o755);
    const embedded = await openEmbedded(dir, { owner: 'command', log: () => {} });
    serverUrl = embedded.url.replace(/\/[^/]*$/, '');
    stop = async () => {
      await embedded.stop();
      if (!process.env.TEST_PG_DIR) await fs.rm(dir, { recursive: true, force: true });
    };
  }
  const admin = new pg.Client({ connectionString: `${serverUrl}/postgres` });
  await admin.connect();
  const version = (await admin.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '?';
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  const db = createDb(`${serverUrl}/${TEMPLATE}`);
  await migrate(db);
  await db.destroy();
  // Databases left by an interrupted earlier run.
  const leftovers = await admin.query<{ datname: string }>(
    "SELECT datname FROM pg_database WHERE datname LIKE 'segtest_%'",
  );
  for (const r of leftovers.rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
  await admin.end();
  process.stdout.write(
    `Tests use PostgreSQL ${version} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded'})\n`,
  );
  project.provide('pgServer', serverUrl);
  project.provide('pgFlavour', `PostgreSQL ${version}`);
  return async () => {
    await stop();
  };
}
