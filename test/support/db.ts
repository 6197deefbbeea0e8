import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { createDb, type Db } from '../../src/platform/db/database.ts';

const TEMPLATE = 'segretariato_test_template';

export interface TestDatabase {
  db: Db;
  url: string;
  name: string;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: `${inject('pgServer')}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database copied from the template, dropped when the file's tests end. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `segtest_${randomBytes(6).toString('hex')}`;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
      break;
    } catch (err) {
      // Two files copying the template at the same instant: PostgreSQL refuses one; try again.
      if ((err as { code?: string }).code !== '55006' || attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = `${inject('pgServer')}/${name}`;
  const db = createDb(url, 5);
  afterAll(async () => {
    await db.destroy();
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  });
  return { db, url, name };
}

/** Runs raw SQL as the database owner, for tests that tamper with data on purpose. */
export async function ownerQuery(url: string, text: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}
