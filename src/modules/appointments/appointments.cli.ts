import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { sendReminders } from './reminders.job.ts';
import { addWaitlistCommand } from './waitlist.cli.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;
const say = (m: string) => process.stdout.write(`${m}\n`);

/**
 * `segretariato jobs run reminders`: queues the reminders due by the tenants' settings and the follow-ups
 * after missed appointments (run it hourly, e.g. from cron); the outbox delivers them.
 */
export function addAppointmentCommands(cli: Command, withDatabase: WithDb): void {
  const jobs = cli.commands.find((c) => c.name() === 'jobs') ?? cli.command('jobs').description('Background jobs');
  const run = jobs.commands.find((c) => c.name() === 'run') ?? jobs.command('run').description('Run a job once');
  addWaitlistCommand(run, withDatabase);
  run
    .command('reminders')
    .description('Queue the appointment reminders that are due and the follow-ups after missed appointments')
    .action(() =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const r = await sendReminders({ db, clock: systemClock }, config.publicUrl);
        say(
          `Reminders queued: ${r.queued}; follow-ups queued: ${r.followUps}; not queued (do not contact): ${r.skipped}. ` +
            'The outbox sends them (server worker or `jobs run outbox`).',
        );
      }),
    );
}
