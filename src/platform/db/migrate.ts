import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Db } from './database.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/migrations');
// Any constant works; it only has to be the same in every process that migrates this database.
const MIGRATION_LOCK = 7272000;

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
  checksum: string;
}

export interface MigrationStatus {
  version: number;
  name: string;
  state: 'applied' | 'pending' | 'changed';
  appliedAt?: Date;
}

// Migration files do not change while a process runs: /readyz asks on every probe, so read them once.
const cache = new Map<string, Promise<MigrationFile[]>>();

export function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  let files = cache.get(dir);
  if (!files) {
    files = readMigrationFiles(dir);
    cache.set(dir, files);
    files.catch(() => cache.delete(dir));
  }
  return files;
}

async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  const names = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  return Promise.all(
    names.map(async (file) => {
      const text = await fs.readFile(path.join(dir, file), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        file: path.join(dir, file),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    }),
  );
}

async function ensureTable(db: Db): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (
    version integer PRIMARY KEY,
    name text NOT NULL,
    checksum text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`.execute(db);
}

export async function migrationStatus(db: Db): Promise<MigrationStatus[]> {
  const files = await readMigrations();
  const exists = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(db);
  const applied = exists.rows[0]?.t ? await db.selectFrom('schema_migration').selectAll().execute() : [];
  const byVersion = new Map(applied.map((m) => [m.version, m]));
  return files.map((f) => {
    const row = byVersion.get(f.version);
    if (!row) return { version: f.version, name: f.name, state: 'pending' };
    return {
      version: f.version,
      name: f.name,
      state: row.checksum === f.checksum ? 'applied' : 'changed',
      appliedAt: row.applied_at,
    };
  });
}

/** Applies pending migrations, each in its own transaction, under a session advisory lock. */
export async function migrate(db: Db, log: (m: string) => void = () => {}): Promise<number> {
  return db.connection().execute(async (conn) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      await ensureTable(conn as unknown as Db);
      const status = await migrationStatus(conn as unknown as Db);
      const changed = status.find((s) => s.state === 'changed');
      if (changed) {
        throw new Error(
          `Migration ${changed.version}_${changed.name} was changed after it was applied; landed migrations must never be edited.`,
        );
      }
      const files = await readMigrations();
      let count = 0;
      for (const file of files) {
        if (status.find((s) => s.version === file.version)?.state !== 'pending') continue;
        const text = await fs.readFile(file.file, 'utf8');
        await conn.transaction().execute(async (trx) => {
          await sql.raw(text).execute(trx);
          await trx
            .insertInto('schema_migration')
            .values({ version: file.version, name: file.name, checksum: file.checksum })
            .execute();
        });
        log(`Applied migration ${path.basename(file.file)}`);
        count++;
      }
      return count;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
