import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { clockOn, PARENT_WITHOUT_ISEE, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildTenant } from '../../../test/support/factories.ts';
import type { Db } from '../../platform/db/database.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let db: Db;

beforeAll(async () => {
  ({ db } = await freshDatabase());
  const tenant = await buildTenant(db);
  await seedBenefitRules(db, tenant);
  app = await buildTestApp(db, { clock: clockOn('2026-03-10'), env: { DEFAULT_TENANT: tenant.code } });
});

const measure = (html: string, code: string) => {
  const start = html.indexOf(`data-measure="${code}"`);
  expect(start).toBeGreaterThan(-1);
  // Amounts are formatted with no-break spaces; compare with plain ones.
  return html.slice(start, html.indexOf('</article>', start)).replace(/[\u00a0\u202f]/g, ' ');
};

describe('the resident self-check /verifica-aiuti', () => {
  it('shows the form, marked indicative, with nothing asked that identifies the resident', async () => {
    const res = await new Browser(app).get('/verifica-aiuti');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Il risultato è solo indicativo');
    expect(res.body).toContain('method="post" action="/verifica-aiuti"');
    expect(res.body).not.toMatch(/name="(name|surname|taxCode|email)"/);
  });

  it('without the ISEE: "cannot tell — ISEE missing" for ISEE-based measures, with next steps and links', async () => {
    const browser = new Browser(app);
    const res = await browser.submit('/verifica-aiuti', '/verifica-aiuti', PARENT_WITHOUT_ISEE);
    expect(res.statusCode).toBe(200);
    const adi = measure(res.body, 'adi');
    expect(adi).toContain('data-result="cannot_tell"');
    expect(adi).toContain('Per saperlo serve: valore ISEE.');
    expect(adi).toContain('La domanda si presenta all’INPS');
    expect(adi).toContain('href="/servizi?q=reddito"');
    const ordinary = measure(res.body, 'contributo-ordinario');
    expect(ordinary).toContain('data-result="cannot_tell"');
    expect(ordinary).toContain('href="/prenota?argomento=contributi"');
    expect(ordinary).toContain('versione 2, in vigore dal 01/01/2026');
    // Universal child allowance applies whatever the ISEE; its amount depends on it.
    const auu = measure(res.body, 'assegno-unico');
    expect(auu).toContain('data-result="eligible"');
    expect(auu).toContain('L’importo dipende da: valore ISEE.');
    // Owner-free tenant without arrears: the eviction fund does not apply.
    expect(measure(res.body, 'morosita-incolpevole')).toContain('data-result="not_eligible"');
  });

  it('with an ISEE: likely eligible with an amount and the trace (value, threshold, version)', async () => {
    const res = await new Browser(app).submit('/verifica-aiuti', '/verifica-aiuti', {
      ...PARENT_WITHOUT_ISEE,
      iseeKnown: 'yes',
      isee: '7.000',
      income: '9600',
      age3: '40',
    });
    expect(res.statusCode).toBe(200);
    const ordinary = measure(res.body, 'contributo-ordinario');
    expect(ordinary).toContain('data-result="eligible"');
    // 2026 rules: 580 × 2.04 − 800 = 383.20 a month, 6 months.
    expect(ordinary).toContain('383,20 € al mese per 6 mesi');
    expect(ordinary).toContain('ISEE entro la soglia — valore ISEE: 7000 €; soglia ISEE: 9360 € → sì');
  });

  it('answers in English with the English trace', async () => {
    const browser = new Browser(app);
    await browser.get('/lingua/en?torna=/verifica-aiuti');
    const res = await browser.submit('/verifica-aiuti', '/verifica-aiuti', PARENT_WITHOUT_ISEE);
    expect(res.body).toContain('Cannot tell');
    expect(measure(res.body, 'adi')).toContain('To know, we need: ISEE value.');
  });

  it('a form without ages or choices comes back 422 with an error summary and nothing else', async () => {
    const res = await new Browser(app).submit('/verifica-aiuti', '/verifica-aiuti', { iseeKnown: 'yes', isee: 'abc' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('id="error-summary-title"');
    expect(res.body).toContain('href="#age1"');
    expect(res.body).toContain('id="isee-error"');
    expect(res.body).not.toContain('data-measure=');
  });
});
