import type { Command } from 'commander';
import { loadConfig } from '../../platform/config.ts';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { runWaitlist } from './waitlist.job.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;

/** `segretariato jobs run waitlist`: lapses unanswered offers and offers free places (run it every 15 minutes). */
export function addWaitlistCommand(run: Command, withDatabase: WithDb): void {
  run
    .command('waitlist')
    .description('Lapse unanswered waiting-list offers and offer free places to the waiting lists')
    .action(() =>
      withDatabase(async ({ db }) => {
        const config = loadConfig();
        const r = await runWaitlist({ db, clock: systemClock }, config.publicUrl);
        process.stdout.write(
          `Offers lapsed: ${r.lapsed}; places offered (e-mails queued in the outbox): ${r.offered}.\n`,
        );
      }),
    );
}
