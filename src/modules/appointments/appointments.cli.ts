import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { mailerFromConfig } from '../../platform/mail.ts';
import { sendReminders } from './reminders.job.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;
const say = (m: string) => process.stdout.write(`${m}\n`);

/** `segretariato jobs run reminders`: e-mails tomorrow's reminders (run it daily, e.g. from cron). */
export function addAppointmentCommands(cli: Command, withDatabase: WithDb): void {
  const jobs = cli.commands.find((c) => c.name() === 'jobs') ?? cli.command('jobs').description('Background jobs');
  const run = jobs.commands.find((c) => c.name() === 'run') ?? jobs.command('run').description('Run a job once');
  run
    .command('reminders')
    .description('E-mail a reminder to everyone booked for tomorrow (once per booking; failures retried next run)')
    .action(() =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const mailer = mailerFromConfig(config);
        try {
          const r = await sendReminders({ db, clock: systemClock, mailer }, config.publicUrl);
          say(`Reminders sent: ${r.sent}; failed (retried next run): ${r.failed}.`);
          if (r.failed > 0) process.exitCode = 1;
        } finally {
          mailer.close();
        }
      }),
    );
}
