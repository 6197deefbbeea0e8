import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { mailerFromConfig } from '../../platform/mail.ts';
import { processOutbox } from './outbox.worker.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;
const say = (m: string) => process.stdout.write(`${m}\n`);

/** `segretariato jobs run outbox`: sends the queued messages once (for cron when the server's worker is off). */
export function addNotificationCommands(cli: Command, withDatabase: WithDb): void {
  const jobs = cli.commands.find((c) => c.name() === 'jobs') ?? cli.command('jobs').description('Background jobs');
  const run = jobs.commands.find((c) => c.name() === 'run') ?? jobs.command('run').description('Run a job once');
  run
    .command('outbox')
    .description('Send the queued e-mail messages that are due (failures are retried later with backoff)')
    .option('--batch <n>', 'at most this many messages', '500')
    .action((opts: { batch: string }) =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const mailer = mailerFromConfig(config);
        const batch = Math.max(1, Math.min(10_000, Number.parseInt(opts.batch, 10) || 500));
        try {
          const r = await processOutbox(db, mailer, systemClock, { batch, baseUrl: config.publicUrl });
          say(`Outbox: sent ${r.sent}; to retry later ${r.retried}; undelivered (dead letter) ${r.dead}.`);
        } finally {
          mailer.close();
        }
      }),
    );
}
