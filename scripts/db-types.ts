/**
 * Regenerates src/platform/db/schema.generated.ts from the migrations: a throwaway embedded
 * PostgreSQL, all migrations applied, then kysely-codegen. `npm run db:types`; a test fails when the
 * committed file is out of date.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createDb } from '../src/platform/db/database.ts';
import { openEmbedded } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';

export const GENERATED = 'src/platform/db/schema.generated.ts';

/** Narrower types than the database can express (CHECK constraints), kept in one place. */
export const OVERRIDES = {
  columns: {
    'tenant.kind': '"comune" | "ambito"',
    'office.kind': '"central" | "neighbourhood"',
    'audit_event.actor_kind': '"user" | "token" | "system" | "anonymous"',
    'audit_event.outcome': '"ok" | "denied" | "failed"',
  },
};

export function codegenArgs(url: string, verify: boolean): string[] {
  return [
    'node_modules/kysely-codegen/dist/cli/bin.js',
    '--dialect',
    'postgres',
    '--url',
    url,
    '--out-file',
    GENERATED,
    '--date-parser',
    'string',
    '--overrides',
    JSON.stringify(OVERRIDES),
    ...(verify ? ['--verify'] : []),
  ];
}

async function main() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'segretariato-types-'));
  await fs.chmod(dir, 0o755);
  const server = await openEmbedded(dir, { owner: 'command', log: () => {} });
  try {
    const db = createDb(server.url);
    await migrate(db);
    await db.destroy();
    execFileSync('node', codegenArgs(server.url, false), { stdio: 'inherit' });
  } finally {
    await server.stop();
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
