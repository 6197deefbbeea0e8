import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import type { LoadSettings, Measurement } from './load.ts';

export interface RunInfo {
  date: string;
  commit: string;
  node: string;
  cpu: string;
  cores: number;
  autocannon: string;
  settings: LoadSettings;
  /** 1-minute load average before the bench started: other work on the machine skews the results. */
  loadBefore: number;
}

export function runInfo(settings: LoadSettings, autocannonVersion: string, loadBefore: number): RunInfo {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: commit(),
    node: process.version,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    autocannon: autocannonVersion,
    settings,
    loadBefore,
  };
}

function commit(): string {
  try {
    const git = (args: string[]) => execFileSync('git', args, { encoding: 'utf8' }).trim();
    const hash = git(['rev-parse', '--short', 'HEAD']);
    return git(['status', '--porcelain']) ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

// autocannon records whole milliseconds; no decimals to suggest more precision than that.
const ms = (n: number) => `${Math.round(n)} ms`;
const times = (n: number, base: number) => (base > 0 ? `×${(n / base).toFixed(1)}` : 'n/a');

export type Baseline = Pick<Measurement, 'requestsPerSecond' | 'p50' | 'p99'>;

/** The mean of the hello-world runs that open and close the bench, so slow drift cancels out. */
export function baselineOf(start: Measurement, end: Measurement): Baseline {
  const mean = (key: keyof Baseline) => (start[key] + end[key]) / 2;
  return { requestsPerSecond: mean('requestsPerSecond'), p50: mean('p50'), p99: mean('p99') };
}

/** How far the machine moved during the run; beyond ±15 % the ratios are not worth comparing. */
export function driftLine(start: Measurement, end: Measurement): string {
  const change = end.requestsPerSecond / start.requestsPerSecond - 1;
  const percent = `${change >= 0 ? '+' : ''}${(change * 100).toFixed(0)} %`;
  return Math.abs(change) <= 0.15
    ? `Baseline drift during the run: ${percent} (steady).`
    : `Baseline drift during the run: ${percent} — the machine was not steady; do not compare these ratios.`;
}

/** A Markdown table: readable in a terminal and the same text that goes into docs/BENCHMARKS.md. */
export function resultsTable(results: Measurement[], baseline: Baseline): string {
  const rows = results.map((m) => [
    m.target.name,
    `\`${m.target.body ? 'POST' : 'GET'} ${m.target.label ?? m.target.path}\``,
    Math.round(m.requestsPerSecond).toLocaleString('en-US'),
    (m.requestsPerSecond / baseline.requestsPerSecond).toFixed(3),
    ms(m.p50),
    times(m.p50, baseline.p50),
    ms(m.p99),
    times(m.p99, baseline.p99),
  ]);
  const header = ['Target', 'Request', 'Req/s', 'Req/s ÷ baseline', 'p50', 'p50 vs baseline', 'p99', 'p99 vs baseline'];
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map((_, i) => (i < 2 ? '---' : '---:'))), ...rows.map(line)].join('\n');
}

export function machineLine(info: RunInfo): string {
  const s = info.settings;
  return (
    `Node ${info.node} · ${info.cpu} · ${info.cores} cores · autocannon ${info.autocannon}, ` +
    `${s.connections} connections, ${s.seconds} s per target after a ${s.warmupSeconds} s warm-up · ` +
    `load average before the run ${info.loadBefore.toFixed(2)}`
  );
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

const INTRO = `# Benchmarks

\`npm run bench\` (\`bench/run.ts\`) measures the real application against a bare Fastify
hello-world on the same machine, in the same run. It starts a throwaway embedded PostgreSQL in a
temporary folder, migrates it, seeds one tenant, office, operator and API token with the test
factories, runs the app and the hello-world server each in its own child process on 127.0.0.1, and
loads them with [autocannon](https://github.com/mcollina/autocannon). Any non-2xx response,
connection error or timeout fails the bench and leaves this file untouched. The section between
the markers below is rewritten by every successful run.
`;

const HOW_TO_READ = `**How to read this.** Compare the ratios between runs, not the absolute
numbers: those depend on the machine, and autocannon runs on the same cores as the servers and
PostgreSQL, so every figure is a floor, not a capacity. The baseline is the mean of two
hello-world runs, one first and one last; "Req/s ÷ baseline" is the share of that throughput a
route keeps once it does real work (1.000 = free). A high load average before the run, or a
baseline drift beyond ±15 %, means other work shared the machine and even the ratios are
suspect: run again on a quiet machine. Load is closed-loop (each connection waits for its
answer), so latency is roughly connections ÷ throughput and mirrors the throughput ratio;
autocannon records whole milliseconds, so latency ratios against a 1–2 ms baseline are coarse.
\`/readyz\` queries the migration table (the migration files are read once per process). The API read
resolves the token, reads the office under row-level security and appends an audit event through
\`audit_append\`, whose transaction-level advisory lock is one lock for the whole chain: audited
requests queue behind each other until each commits. \`/\` reads the offices and renders the
public home page with Preact.`;

/** The whole results section: the HTTP table, then `extra` (verdicts, the people search), all between the markers. */
export function resultsSection(info: RunInfo, table: string, drift: string, extra = ''): string {
  return [
    START,
    '## Latest results',
    '',
    `Date: ${info.date} · commit ${info.commit}`,
    '',
    machineLine(info),
    '',
    table,
    '',
    drift,
    '',
    HOW_TO_READ,
    ...(extra ? ['', extra] : []),
    END,
  ].join('\n');
}

/** Replaces the results section between the markers, keeping whatever people wrote around it. */
export async function writeBenchmarksDoc(file: string, section: string): Promise<void> {
  const current = await fs.readFile(file, 'utf8').catch(() => INTRO);
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? current.slice(0, start) + section + current.slice(end + END.length)
      : `${current.trimEnd()}\n\n${section}\n`;
  await fs.writeFile(file, next);
}
