import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanup } from './cleanup.ts';
import { startBenchDatabase, stopLeftoverPostgres } from './database.ts';
import { directoryPart } from './directory.ts';
import { lighthouseTable, lighthouseVerdict, measureBookingPages } from './lighthouse.ts';
import { failuresOf, type LoadSettings, type Measurement, measure, preflight, type Target } from './load.ts';
import { generatePeople, latencyTable, measureSearches, sampleQueries } from './people.ts';
import { startServerProcess } from './processes.ts';
import {
  baselineOf,
  driftLine,
  machineLine,
  resultsSection,
  resultsTable,
  runInfo,
  writeBenchmarksDoc,
} from './report.ts';

// 5 runs (baseline, 3 targets, baseline again) × (2 s warm-up + 10 s) = 60 s of load; start-up and
// cleanup add about 10 s.
const SETTINGS: LoadSettings = { connections: 50, warmupSeconds: 2, seconds: 10 };
const DOC = fileURLToPath(new URL('../docs/BENCHMARKS.md', import.meta.url));

const say = (message: string) => process.stdout.write(`${message}\n`);
const cleanup = new Cleanup(say);

async function bench(): Promise<void> {
  // Other work on the machine skews even the ratios: the report shows the load average we started from.
  const loadBefore = os.loadavg()[0] ?? 0;
  if (loadBefore > os.cpus().length / 2) {
    say(
      `Warning: load average ${loadBefore.toFixed(2)} on ${os.cpus().length} cores — other work will skew the results.`,
    );
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'segretariato-bench-'));
  cleanup.push('temporary folder', () => fs.rm(dir, { recursive: true, force: true }));
  // As root, PostgreSQL runs as the OS user "postgres", which must be able to traverse this folder.
  await fs.chmod(dir, 0o755);
  cleanup.push('left-over PostgreSQL', () => stopLeftoverPostgres(dir, say));

  say(`Starting a throwaway PostgreSQL in ${dir}…`);
  const database = await startBenchDatabase(dir, say);
  cleanup.push('PostgreSQL', database.stop);

  say('Starting the hello-world and app servers in child processes…');
  const hello = await startServerProcess('hello-world', new URL('./servers/hello.ts', import.meta.url), {}, cleanup);
  const app = await startServerProcess(
    'app',
    new URL('./servers/app.ts', import.meta.url),
    { BENCH_DATABASE_URL: database.url },
    cleanup,
  );

  const isHtml = (r: Response) => (r.headers.get('content-type')?.startsWith('text/html') ? undefined : 'not HTML');
  const helloWorld = (when: string): Target => ({
    name: `hello-world (baseline, ${when})`,
    baseUrl: hello.baseUrl,
    path: '/',
    check: () => undefined,
  });
  // The baseline runs first and last: if the two differ, the machine changed under the run.
  const targets: Target[] = [
    helloWorld('start'),
    {
      name: 'readiness',
      baseUrl: app.baseUrl,
      path: '/readyz',
      check: (_r, body) => (JSON.parse(body).status === 'ready' ? undefined : 'not ready'),
    },
    {
      name: 'API read (audited)',
      baseUrl: app.baseUrl,
      path: `/api/v1/offices/${database.officeId}`,
      label: '/api/v1/offices/:id',
      headers: { authorization: `Bearer ${database.token}` },
      check: (_r, body) => (JSON.parse(body).id === database.officeId ? undefined : 'another office came back'),
    },
    {
      // Issue 4: a registration is a full transaction with its audit event; target ≥ 25% of the read above.
      name: 'API write: register an access (audited)',
      baseUrl: app.baseUrl,
      path: '/api/v1/accesses',
      label: '/api/v1/accesses',
      headers: { authorization: `Bearer ${database.token}` },
      body: JSON.stringify({
        channel: 'walk_in',
        presentedBy: 'person',
        referrer: 'self',
        anonymous: { ageBand: '35-64' },
        requests: [{ needAreaId: database.needAreaId, reason: 'Informazioni sul contributo affitto' }],
      }),
      check: (_r, body) => (JSON.parse(body).access?.code ? undefined : 'no access code came back'),
    },
    { name: 'public home page', baseUrl: app.baseUrl, path: '/', check: isHtml },
    helloWorld('end'),
  ];
  for (const target of targets) await preflight(target);

  const results: Measurement[] = [];
  for (const target of targets) {
    say(
      `Measuring ${target.name}: ${target.body ? 'POST' : 'GET'} ${target.label ?? target.path} (${SETTINGS.warmupSeconds} s warm-up + ${SETTINGS.seconds} s)…`,
    );
    results.push(await measure(target, SETTINGS));
  }
  const first = results[0];
  const last = results[results.length - 1];
  if (!first || !last) throw new Error('no baseline measured');

  const info = runInfo(SETTINGS, autocannonVersion(), loadBefore);
  const table = resultsTable(results, baselineOf(first, last));
  const drift = driftLine(first, last);
  say(`\n${machineLine(info)}\nCommit ${info.commit} · ${info.date}\n\n${table}\n\n${drift}\n`);

  const read = results.find((r) => r.target.name === 'API read (audited)');
  const write = results.find((r) => r.target.name.startsWith('API write'));
  const writeVerdict =
    read && write
      ? `Access registration at ${((write.requestsPerSecond / read.requestsPerSecond) * 100).toFixed(0)}% of the audited read's requests/s — target ≥ 25%: ${write.requestsPerSecond >= 0.25 * read.requestsPerSecond ? 'met' : 'NOT met'}.`
      : '';
  say(writeVerdict);

  const failures = results.map(failuresOf).filter((f) => f !== undefined);
  if (failures.length > 0) {
    throw new Error(`Bench failed, docs/BENCHMARKS.md left untouched:\n  ${failures.join('\n  ')}`);
  }

  // Part 2: name search with many people on file (issue 3's target: p95 < 100 ms at 1,000,000).
  const peopleCount = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
  say(`\nGenerating ${peopleCount.toLocaleString('en')} synthetic people…`);
  await generatePeople(database.url, database.tenantId, peopleCount, say);
  const queries = await sampleQueries(database.url, database.tenantId, 300);
  say('Measuring searches one at a time…');
  const byDate = await measureSearches(
    'birth date, dd/mm/yyyy (indexed; baseline)',
    app.baseUrl,
    database.token,
    queries.birthDates,
    true,
  );
  const byName = await measureSearches(
    'misspelled family name + given name (trigram)',
    app.baseUrl,
    database.token,
    queries.misspelledNames,
    true,
  );
  const peopleTable = latencyTable([byDate, byName], byDate);
  const verdict = `Name search p95 at ${peopleCount.toLocaleString('en')} people: ${byName.p95.toFixed(1)} ms — target < 100 ms: ${byName.p95 < 100 ? 'met' : 'NOT met'}.`;
  say(`\n${peopleTable}\n\n${verdict}\n`);

  // Part 3: directory search with many services (issue 5's target: p95 < 30 ms at 50,000); BENCH_SERVICES.
  const servicesCount = Number(process.env.BENCH_SERVICES ?? 50_000);
  const directory = await directoryPart(database.url, database.tenantId, app.baseUrl, servicesCount, say);

  // Part 4: Lighthouse on the public booking pages (issue 6), on a demo database of its own.
  say('\nLighthouse (mobile preset) on the six booking steps…');
  const pages = await measureBookingPages(dir, say, cleanup);
  const pagesTable = lighthouseTable(pages);
  const pagesVerdict = lighthouseVerdict(pages);
  say(`\n${pagesTable}\n\n${pagesVerdict}\n`);

  await writeBenchmarksDoc(
    DOC,
    resultsSection(
      info,
      table,
      drift,
      [
        writeVerdict,
        `### People search at ${peopleCount.toLocaleString('en')} people\n\n${peopleTable}\n\n${verdict}`,
        `### Directory search at ${servicesCount.toLocaleString('en')} services\n\n${directory.table}\n\n${directory.verdict}`,
        `### Public booking pages in Lighthouse (mobile preset)\n\n${pagesTable}\n\n${pagesVerdict}`,
      ].join('\n\n'),
    ),
  );
  say('Wrote docs/BENCHMARKS.md.');
}

function autocannonVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('autocannon/package.json') as { version: string }).version;
}

let interrupted = false;
async function stopOn(signal: NodeJS.Signals): Promise<void> {
  if (!interrupted) say(`\n${signal}: stopping servers and PostgreSQL…`);
  interrupted = true;
  await cleanup.run();
  process.exit(130);
}
// `on`, not `once`: Ctrl-C reaches us twice (from the terminal and relayed by tsx), and a second
// signal without a handler would kill us before the cleanup finishes.
process.on('SIGINT', () => void stopOn('SIGINT'));
process.on('SIGTERM', () => void stopOn('SIGTERM'));

try {
  await bench();
} catch (err) {
  process.stderr.write(`\n${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup.run();
}
