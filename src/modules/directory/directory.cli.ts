import type { Command } from 'commander';
import { systemClock } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import { exportHsds } from './hsds.export.ts';
import { findTenantId, importHsds } from './hsds.import.ts';
import type { Progress } from './hsds.read.ts';

type WithDb = (fn: (d: { db: Db }) => Promise<void>) => Promise<void>;
const say = (m: string) => process.stdout.write(`${m}\n`);
const warn = (m: string) => process.stderr.write(`${m}\n`);

function progress(): Progress {
  let last = 0;
  return ({ phase, done, total }) => {
    if (done - last < 1000 && done !== total) return;
    last = done === total ? 0 : done;
    warn(`${phase === 'checking' ? 'Checking' : 'Importing'}: ${done}/${total}`);
  };
}

/** `segretariato import hsds <path>` and `segretariato export hsds <dir>` (docs/DIRECTORY.md). */
export function addDirectoryCommands(cli: Command, withDatabase: WithDb): void {
  const importCommand = cli.commands.find((c) => c.name() === 'import') ?? cli.command('import');
  importCommand
    .command('hsds')
    .description('Import an Open Referral HSDS 3.0 directory: JSON of full services, or a tabular package folder')
    .argument('<path>', 'services.json (array of full services), or a folder with datapackage.json and CSV files')
    .requiredOption('--tenant <code>', 'tenant code, e.g. monza')
    .action(async (p: string, o: { tenant: string }) => {
      await withDatabase(async ({ db }) => {
        const deps = { db, clock: systemClock, requestId: `cli-${newId()}` };
        const s = await importHsds(deps, {
          tenantId: await findTenantId(db, o.tenant),
          path: p,
          onProgress: progress(),
        });
        for (const w of s.warnings) warn(`warning: ${w}`);
        for (const e of s.problems.slice(0, 200))
          warn(`${e.source} ${e.recordId ?? '(no id)'} ${e.pointer || '/'}: ${e.message}`);
        if (s.problems.length > 200) warn(`… and ${s.problems.length - 200} more problems`);
        if (!s.imported) {
          warn(`Nothing imported: ${s.problems.length} problem(s) in ${s.records} record(s). Fix the file and retry.`);
          process.exitCode = 1;
          return;
        }
        say(
          `Done: ${s.records} record(s), ${s.rows} HSDS rows — ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged.`,
        );
      });
    });

  const exportCommand = cli.commands.find((c) => c.name() === 'export') ?? cli.command('export');
  exportCommand.description('Export data to files');
  exportCommand
    .command('hsds')
    .description('Write the directory as an HSDS 3.0 tabular data package (CSV files + datapackage.json)')
    .argument('<dir>', 'output folder (created if missing; files in it are overwritten)')
    .requiredOption('--tenant <code>', 'tenant code, e.g. monza')
    .action(async (dir: string, o: { tenant: string }) => {
      await withDatabase(async ({ db }) => {
        const deps = { db, clock: systemClock, requestId: `cli-${newId()}` };
        const r = await exportHsds(deps, { tenantId: await findTenantId(db, o.tenant), dir });
        say(`Wrote ${r.files} files, ${r.rows} rows, to ${dir}.`);
      });
    });
}
