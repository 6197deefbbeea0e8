import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { mailerFromConfig } from '../../platform/mail.ts';
import { runReferralJobs } from './referrals.jobs.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;
const say = (m: string) => process.stdout.write(`${m}\n`);

/** `segretariato jobs run referrals`: reminders, expiry with escalation, follow-up questions (run it hourly). */
export function addReferralCommands(cli: Command, withDatabase: WithDb): void {
  const jobs = cli.commands.find((c) => c.name() === 'jobs') ?? cli.command('jobs').description('Background jobs');
  const run = jobs.commands.find((c) => c.name() === 'run') ?? jobs.command('run').description('Run a job once');
  run
    .command('referrals')
    .description(
      'Referral deadlines: remind partners, expire and escalate unanswered referrals, ask people how it went',
    )
    .action(() =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const mailer = mailerFromConfig(config);
        try {
          const r = await runReferralJobs(db, systemClock, { mailer, baseUrl: config.publicUrl });
          say(
            `Referrals: ${r.reminded} reminded, ${r.expired} expired and escalated, ${r.followUpsQueued} follow-up ` +
              `questions queued (${r.followUpsSkipped} not: do not contact). The outbox sends the messages.`,
          );
        } finally {
          mailer.close();
        }
      }),
    );
}
