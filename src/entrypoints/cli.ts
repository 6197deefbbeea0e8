import { readFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { addAppointmentCommands } from '../modules/appointments/index.ts';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { addDirectoryCommands } from '../modules/directory/index.ts';
import { createApiToken, createOperator, listApiTokens, revokeApiToken } from '../modules/identity/index.ts';
import { addNotificationCommands } from '../modules/notifications/index.ts';
import { importPeople } from '../modules/people/index.ts';
import { addReferralCommands } from '../modules/referrals/index.ts';
import { ConfigError, loadConfig } from '../platform/config.ts';
import { ROLES, systemClock } from '../platform/context.ts';
import { migrate, migrationStatus } from '../platform/db/migrate.ts';
import { DomainError } from '../platform/errors.ts';
import { newId, newSecret } from '../platform/ids.ts';
import { seedDemo } from './demo-seed.ts';
import { progressOn, reportImport } from './import-report.ts';
import { type Database, openDatabase } from './runtime.ts';
import { serve } from './serve.ts';
import { VERSION } from './server.ts';

const say = (m: string) => process.stdout.write(`${m}\n`);
const warn = (m: string) => process.stderr.write(`${m}\n`);

/** Runs a command against the configured database, starting the embedded server only if needed. */
async function withDatabase<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, 'command', warn);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const admin = (d: Database) => ({ db: d.db, clock: systemClock, requestId: `cli-${newId()}` });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function program(): Command {
  const cli = new Command('segretariato')
    .description(
      'Segretariato Sociale: server, database and administration.\nHonours DATA_DIR, DATABASE_URL and the other variables in the README.',
    )
    .version(VERSION);

  cli
    .command('serve')
    .description('Start the web server (migrates, seeds demo data in demo mode)')
    .action(async () => {
      await serve(loadConfig());
    });

  cli
    .command('migrate')
    .description('Apply pending database migrations')
    .action(() =>
      withDatabase(async ({ db }) => {
        const n = await migrate(db, say);
        say(n === 0 ? 'Database is up to date.' : `Applied ${n} migration(s).`);
      }),
    );

  cli
    .command('db')
    .description('Database commands')
    .command('status')
    .description('Show applied and pending migrations')
    .action(() =>
      withDatabase(async ({ db }) => {
        const status = await migrationStatus(db);
        for (const s of status)
          say(
            `${String(s.version).padStart(4, '0')}_${s.name}  ${s.state}${s.appliedAt ? `  ${s.appliedAt.toISOString()}` : ''}`,
          );
        const pending = status.filter((s) => s.state !== 'applied').length;
        say(`${status.length - pending} applied, ${pending} pending.`);
        if (status.some((s) => s.state === 'changed')) process.exitCode = 1;
      }),
    );

  cli
    .command('seed')
    .description('Load data into an empty database')
    .requiredOption('--demo', 'the Comune di Monza demo tenant, offices and operators')
    .action(() =>
      withDatabase(async ({ db }) => {
        await migrate(db);
        const config = loadConfig();
        const seeded = await seedDemo(db, config.dataDir, `cli-${newId()}`);
        say(
          seeded
            ? `Demo data loaded; credentials in ${config.dataDir}/demo-credentials.json.`
            : 'The demo tenant already exists: only missing reference data was added.',
        );
      }),
    );

  const users = cli.command('users').description('Operator accounts');
  users
    .command('create')
    .description('Create an operator and their membership in a tenant')
    .requiredOption('--username <username>', 'login name: 3–64 of a–z 0–9 . _ -')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role in the tenant').choices(ROLES).makeOptionMandatory())
    .requiredOption('--tenant <code>', 'tenant code, e.g. monza')
    .option('--office <code...>', 'office codes the operator works at')
    .option(
      '--password-stdin',
      'read the password from standard input (otherwise a random one is generated and printed)',
    )
    .action(
      async (o: {
        username: string;
        name: string;
        role: (typeof ROLES)[number];
        tenant: string;
        office?: string[];
        passwordStdin?: boolean;
      }) => {
        const password = o.passwordStdin ? await readStdin() : newSecret().slice(0, 20);
        await withDatabase(async (d) => {
          const { userId } = await createOperator(admin(d), {
            username: o.username,
            displayName: o.name,
            password,
            tenantCode: o.tenant,
            role: o.role,
            officeCodes: o.office ?? [],
          });
          say(`Created ${o.username} (${userId}).`);
          if (!o.passwordStdin) say(`Password (shown once): ${password}`);
        });
      },
    );

  const tokens = cli.command('tokens').description("API bearer tokens (they act with their user's permissions)");
  tokens
    .command('create')
    .description('Create a token; it is printed once and stored only as a hash')
    .requiredOption('--user <username>', 'the user the token acts as')
    .requiredOption('--name <label>', 'what the token is for')
    .action((o: { user: string; name: string }) =>
      withDatabase(async (d) => {
        const { id, secret } = await createApiToken(admin(d), { username: o.user, name: o.name });
        say(`Token ${id} created. Copy it now, it will not be shown again:\n${secret}`);
      }),
    );
  tokens
    .command('list')
    .description('List tokens (never their secrets)')
    .action(() =>
      withDatabase(async (d) => {
        const rows = await listApiTokens(admin(d));
        if (rows.length === 0) say('No tokens.');
        for (const r of rows) {
          const state = r.revoked_at ? `revoked ${r.revoked_at.toISOString()}` : 'active';
          say(`${r.id}  ${r.username}  ${r.name}  created ${r.created_at.toISOString()}  ${state}`);
        }
      }),
    );
  tokens
    .command('revoke')
    .description('Revoke a token by id')
    .argument('<id>', 'token id from `tokens list`')
    .action((id: string) =>
      withDatabase(async (d) => {
        if (await revokeApiToken(admin(d), id)) say(`Token ${id} revoked.`);
        else {
          warn(`No active token ${id}.`);
          process.exitCode = 1;
        }
      }),
    );

  cli
    .command('audit')
    .description('Audit log commands')
    .command('verify')
    .description('Check the hash chain of the audit log; exits 1 naming the first bad event')
    .action(() =>
      withDatabase(async ({ db }) => {
        const result = await verifyAuditChain(db);
        if (result.ok) say(`Audit log intact: ${result.events} events.`);
        else {
          warn(
            `Audit log BROKEN at event ${result.firstBad} (${result.reason}); ${result.events - 1} events before it are intact.`,
          );
          process.exitCode = 1;
        }
      }),
    );

  cli
    .command('import')
    .description('Import data from files')
    .command('people')
    .description('Import people and households from a population-register CSV extract (docs/IMPORT.md)')
    .argument('<file.csv>', 'UTF-8, header row, ; or , separated')
    .requiredOption('--tenant <code>', 'tenant code, e.g. monza')
    .option('--skip-invalid', 'import the valid rows and report the invalid ones (otherwise nothing is imported)')
    .option('--dry-run', 'check everything and report what would change, saving nothing')
    .action(async (file: string, o: { tenant: string; skipInvalid?: boolean; dryRun?: boolean }) => {
      const csv = await readFile(file);
      await withDatabase(async (d) => {
        const summary = await importPeople(admin(d), {
          tenantCode: o.tenant,
          csv,
          skipInvalid: o.skipInvalid ?? false,
          dryRun: o.dryRun ?? false,
          onProgress: progressOn(process.stderr),
        });
        reportImport(summary, say, warn);
        if (summary.invalid > 0 && !o.skipInvalid) process.exitCode = 1;
      });
    });
  addDirectoryCommands(cli, withDatabase);
  addAppointmentCommands(cli, withDatabase);
  addReferralCommands(cli, withDatabase);
  addNotificationCommands(cli, withDatabase);
  return cli;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError || err instanceof DomainError) {
      warn(err.message);
      process.exitCode = 2;
      return;
    }
    // Start-up failures (database unreachable, data folder not usable) are for a person to read.
    warn(`segretariato: ${err instanceof Error ? err.message : String(err)}`);
    if (process.env.LOG_LEVEL === 'debug' && err instanceof Error) warn(err.stack ?? '');
    process.exitCode = 1;
  }
}
