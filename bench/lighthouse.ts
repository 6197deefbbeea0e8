import path from 'node:path';
import { startFlow } from 'lighthouse';
import puppeteer, { type Page } from 'puppeteer-core';
import { seedDemo } from '../src/entrypoints/demo-seed.ts';
import { createDb } from '../src/platform/db/database.ts';
import { openEmbedded } from '../src/platform/db/embedded.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { Cleanup } from './cleanup.ts';
import { startServerProcess } from './processes.ts';

/**
 * Issue 6: the public booking pages must score ≥ 90 on Lighthouse performance (mobile preset:
 * emulated phone, simulated slow 4G and 4× CPU slowdown) and 100 on accessibility.
 *
 * A Lighthouse user flow walks the six Modello Comuni steps as a resident does — every step is a
 * form POST, so each one is measured as the navigation that the click starts — on the demo
 * catalogue (its own PostgreSQL and app process, so the other parts' data does not matter), then
 * the "manage your booking" page. The flow books one real appointment.
 */

const CHROMIUM = '/usr/bin/chromium';
// As in test/e2e/browser.ts (TOOLCHAIN.md): no downloads and no background traffic on this network.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface PageScore {
  step: string;
  performance: number;
  accessibility: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

export async function measureBookingPages(
  dir: string,
  say: (message: string) => void,
  cleanup: Cleanup,
): Promise<PageScore[]> {
  const dataDir = path.join(dir, 'lighthouse-demo');
  const database = await openEmbedded(dataDir, { owner: 'command', log: say });
  cleanup.push('demo PostgreSQL', database.stop);
  const db = createDb(database.url, 2);
  try {
    await migrate(db);
    await seedDemo(db, dataDir, 'bench-lighthouse');
  } finally {
    await db.destroy();
  }
  const app = await startServerProcess(
    'demo app',
    new URL('./servers/app.ts', import.meta.url),
    { BENCH_DATABASE_URL: database.url },
    cleanup,
  );

  const browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  cleanup.push('Chromium', () => browser.close());
  const page = await browser.newPage();
  const flow = await startFlow(page, {
    name: 'Public booking, six steps',
    config: { extends: 'lighthouse:default', settings: { onlyCategories: ['performance', 'accessibility'] } },
  });
  const submit = (value: string) => () => page.click(`button[name="go"][value="${value}"]`);

  await flow.navigate(`${app.baseUrl}/prenota`, { name: '1 office' });
  await tick(page, 'office');
  await flow.navigate(submit('next'), { name: '2 date (month)' });
  await tick(page, 'day');
  await flow.navigate(submit('show'), { name: '2 date (free times)' });
  await tick(page, 'slot');
  await flow.navigate(submit('next'), { name: '3 details' });
  await tick(page, 'topic');
  await page.type('#details', 'Informazioni sui servizi per anziani');
  await flow.navigate(submit('next'), { name: '4 applicant' });
  await page.type('#name', 'Prova Bench');
  await page.type('#email', 'bench@example.org');
  await tick(page, 'privacy');
  await flow.navigate(submit('next'), { name: '5 summary' });
  await flow.navigate(submit('confirm'), { name: '6 confirmation' });
  if (!new URL(page.url()).pathname.startsWith('/prenota/conferma/')) {
    throw new Error(`The booking flow did not reach the confirmation page (it is on ${page.url()}).`);
  }
  await flow.navigate(`${app.baseUrl}/prenota/gestisci`, { name: 'manage a booking' });

  const result = await flow.createFlowResult();
  return result.steps.map((step) => {
    const { categories, audits } = step.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const value = (id: string) => audits[id]?.numericValue ?? Number.NaN;
    return {
      step: step.name,
      performance: score('performance'),
      accessibility: score('accessibility'),
      fcpMs: value('first-contentful-paint'),
      lcpMs: value('largest-contentful-paint'),
      tbtMs: value('total-blocking-time'),
      cls: value('cumulative-layout-shift'),
    };
  });
}

/** Ticks the first radio button or checkbox called `name` (Bootstrap Italia draws its own box over it). */
async function tick(page: Page, name: string): Promise<void> {
  const id = await page.$eval(`input[name="${name}"]`, (input) => input.id);
  if (!id) throw new Error(`No ${name} to choose on ${page.url()}.`);
  await page.click(`label[for="${id}"]`);
}

export function lighthouseTable(scores: readonly PageScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.step} | ${s.performance} | ${s.accessibility} | ${(s.fcpMs / 1000).toFixed(1)} s | ${(s.lcpMs / 1000).toFixed(1)} s | ${s.tbtMs.toFixed(0)} ms | ${s.cls.toFixed(3)} |`,
  );
  return [
    '| Page | Performance | Accessibility | FCP | LCP | TBT | CLS |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

export function lighthouseVerdict(scores: readonly PageScore[]): string {
  const perf = Math.min(...scores.map((s) => s.performance));
  const a11y = Math.min(...scores.map((s) => s.accessibility));
  const met = perf >= 90 && a11y === 100;
  return `Public booking pages, lowest scores: performance ${perf} (target ≥ 90), accessibility ${a11y} (target 100): ${met ? 'met' : 'NOT met'}.`;
}
