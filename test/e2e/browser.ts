import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { type BrowserContext, chromium, type Page, type Response } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
/** As in docs TOOLCHAIN.md: no downloads, no background traffic, no user-data-dir in args. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export interface Launched {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A real Chromium with a throw-away profile; Italian unless the test switches language. */
export async function launch(options: {
  baseURL: string;
  /** false: Chromium runs no page JavaScript at all (page.evaluate is unavailable too). */
  javaScriptEnabled?: boolean;
  /** Aborts every script the page loads, while the test can still evaluate (e.g. run axe). */
  blockPageScripts?: boolean;
  viewport?: { width: number; height: number };
}): Promise<Launched> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh`);
  const dir = await mkdtemp(path.join(tmpdir(), 'segretariato-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: ARGS,
    baseURL: options.baseURL,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    locale: 'it-IT',
  });
  if (options.blockPageScripts) await context.route('**/*.js', (route) => route.abort('blockedbyclient'));
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Navigates by submitting/clicking and returns the response of the document that ends up shown. */
export async function navigateBy(page: Page, action: () => Promise<void>): Promise<Response> {
  const [response] = await Promise.all([page.waitForNavigation(), action()]);
  if (!response) throw new Error('the action did not load a new document');
  return response;
}

export async function go(page: Page, url: string): Promise<Response> {
  const response = await page.goto(url);
  if (!response) throw new Error(`no response for ${url}`);
  return response;
}

function describe(v: Result): string {
  const targets = v.nodes.map((n) => n.target.join(' ')).join(' | ');
  const summary = v.nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '';
  return `${v.id} [${v.impact ?? '?'}] ${v.help} — targets: ${targets} — ${summary} (${v.helpUrl})`;
}

/** Runs axe (WCAG 2.0/2.1 A and AA) on the page as shown and fails listing every violation. */
export async function expectAccessible(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  // axe really looked at the page: a blank or unloaded document passes nothing.
  expect(results.passes.length, `axe found nothing to check on ${label}`).toBeGreaterThan(5);
  if (results.violations.length > 0) {
    throw new Error(
      `axe: ${results.violations.length} WCAG violation(s) on ${label} (${page.url()}):\n${results.violations
        .map((v) => `  - ${describe(v)}`)
        .join('\n')}`,
    );
  }
}

/**
 * Presses Tab until the focused element matches `selector`; fails after `max` presses. Reads focus
 * through Playwright's own selector engine, so it also works with JavaScript disabled.
 */
export async function tabUntil(page: Page, selector: string, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if ((await page.locator(`${selector}:focus`).count()) === 1) return i;
  }
  throw new Error(`focus never reached ${selector} in ${max} Tab presses`);
}

/** The focused element, or undefined when focus is on the body. */
export async function focused(page: Page): Promise<{ text: string; href: string | null } | undefined> {
  const el = page.locator(':focus');
  if ((await el.count()) !== 1) return undefined;
  return { text: (await el.textContent())?.trim() ?? '', href: await el.getAttribute('href') };
}

/** How many script elements the page carries: none, since every page works without JavaScript (decision 29). */
export async function scriptCount(page: Page): Promise<number> {
  return page.locator('script').count();
}

export async function cookieNames(context: BrowserContext): Promise<string[]> {
  return (await context.cookies()).map((c) => c.name);
}
