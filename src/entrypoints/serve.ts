import { purgeExpiredSessions } from '../modules/identity/index.ts';
import { startOutboxWorker } from '../modules/notifications/index.ts';
import type { Config } from '../platform/config.ts';
import { systemClock } from '../platform/context.ts';
import { migrate } from '../platform/db/migrate.ts';
import { mailerFromConfig } from '../platform/mail.ts';
import { hasAnyTenant, readDemoCredentials, seedDemo } from './demo-seed.ts';
import { AlreadyRunning, cookieSecret, holdServerLock, openDatabase } from './runtime.ts';
import { buildApp } from './server.ts';

const say = (m: string) => process.stdout.write(`${m}\n`);

/** Starts the server; on SIGTERM/SIGINT it stops accepting, finishes in-flight requests, stops PostgreSQL, exits 0. */
export async function serve(config: Config): Promise<void> {
  const database = await openDatabase(config, 'server', say);
  let lock: Awaited<ReturnType<typeof holdServerLock>> | undefined;
  try {
    if (database.embedded) lock = await holdServerLock(database.url, config.dataDir);
    await migrate(database.db, say);
    if (config.mode === 'demo') {
      await seedDemo(database.db, config.dataDir, 'startup');
    } else if (!(await hasAnyTenant(database.db))) say('No tenant yet: create one before residents can use the site.');
  } catch (err) {
    // A server already running owns the database: leave it alone.
    if (err instanceof AlreadyRunning) {
      await database.db.destroy();
      process.stderr.write(`${err.message}\n`);
      process.exit(3);
    }
    await database.close();
    throw err;
  }

  const mailer = mailerFromConfig(config);
  if (mailer.kind === 'file') say(`No SMTP_URL: outgoing mail is written to ${config.dataDir}/mail as .eml files.`);
  const app = await buildApp({ config, db: database.db, cookieSecret: await cookieSecret(config), mailer });
  const session = { idleMinutes: config.sessionIdleMinutes, maxHours: config.sessionMaxHours };
  const purge = () =>
    purgeExpiredSessions({ db: database.db, clock: systemClock, session }).catch((err: Error) =>
      app.log.warn({ err }, 'could not purge expired sessions'),
    );
  const purgeTimer = setInterval(() => void purge(), 15 * 60_000).unref();
  // The notifications outbox is sent from here every 15 s (`segretariato jobs run outbox` does one pass from cron).
  const outbox = startOutboxWorker(
    { db: database.db, mailer, clock: systemClock },
    { baseUrl: config.publicUrl, onError: (code) => app.log.warn({ code }, 'outbox pass failed') },
  );
  void purge();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    clearInterval(purgeTimer);
    await outbox.stop();
    await app.close(); // stops accepting, waits for in-flight requests
    mailer.close();
    await lock?.end().catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const address = (await app.listen({ port: config.port, host: config.host })).replace('127.0.0.1', 'localhost');
  const creds = config.mode === 'demo' ? await readDemoCredentials(config.dataDir) : undefined;
  // One write, so whoever watches the output sees the whole greeting at once.
  say(
    [
      `\nSegretariato is running at ${address}`,
      `Operators sign in at ${address}/accedi`,
      ...(creds ? [`Demo operators: ${creds.usernames.join(', ')} — demo password: ${creds.password}`] : []),
    ].join('\n'),
  );
}
