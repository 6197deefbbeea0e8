import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../../test/support/app.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { demoDirectoryWorld } from '../../../test/support/directory.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let world: Awaited<ReturnType<typeof demoDirectoryWorld>>;
let tuesdayMorning: Awaited<ReturnType<typeof buildTestApp>>;

beforeAll(async () => {
  const { db } = await freshDatabase();
  world = await demoDirectoryWorld(db);
  app = await buildTestApp(db);
  // Tuesday 1 December 2026, 10:00 in Rome.
  tuesdayMorning = await buildTestApp(db, { clock: { now: () => new Date('2026-12-01T09:00:00Z') } });
}, 60_000);

const get = (url: string, lang?: string) => app.inject({ url, headers: lang ? { cookie: `lang=${lang}` } : {} });
const firstResult = (html: string) => /href="\/servizi\/([0-9a-f-]{36})"/.exec(html)?.[1];

describe('public directory pages', () => {
  it('finds the rent services for a resident’s own words', async () => {
    const res = await get(`/servizi?q=${encodeURIComponent('non riesco a pagare l’affitto')}`);
    expect(res.statusCode).toBe(200);
    const top = res.body.slice(res.body.indexOf('data-element="service-results"'));
    const first3 = [...top.matchAll(/data-element="service-link"[^>]*>([^<]+)</g)].slice(0, 3).map((m) => m[1]);
    expect(first3.join(' | ')).toMatch(/affitto|morosità/i);
  });

  it('tolerates a misspelt word and filters by need area and neighbourhood', async () => {
    const typo = await get(`/servizi?q=${encodeURIComponent('badnte per mia mamma')}`);
    expect(typo.body).toContain('Sportello assistenti familiari');
    const area = await get('/servizi?area=violence');
    expect(area.body).toContain('Centro antiviolenza');
    expect(area.body).not.toContain('Asili nido comunali');
    const all = await get(`/servizi?q=mensa`);
    expect(all.body).toContain('Mensa solidale');
    const hood = await get(`/servizi?q=mensa&quartiere=${world.neighbourhoodId}`);
    expect(hood.body).toContain('Riduzione della retta della mensa scolastica');
    expect(hood.body).not.toContain('Mensa solidale'); // served by the central office only
  });

  it('filters by target group and by a language the service is offered in', async () => {
    const women = await get('/servizi?per=women');
    expect(women.body).toContain('Centro antiviolenza');
    expect(women.body).not.toContain('Asili nido comunali');
    const arabic = await get('/servizi?lingua=ar');
    expect(arabic.body).toContain('Mediazione linguistico-culturale');
    expect(arabic.body).not.toContain('Telesoccorso');
    expect(arabic.body).toMatch(/<option value="ar" selected[^>]*>arabo<\/option>/);
  });

  it('keeps to services open now (Rome time) when asked', async () => {
    const open = async (q: string) => (await tuesdayMorning.inject({ url: `/servizi?aperto=1&q=${q}` })).body;
    expect(await open('segretariato')).toContain('>Segretariato Sociale<'); // Monday to Friday 09:00–12:30
    expect(await open('famiglia')).not.toContain('Centro per la famiglia'); // Tuesday and Thursday 14:00–18:00
    expect(await open('mensa')).not.toContain('Mensa solidale'); // 12:00–13:30
    const any = await tuesdayMorning.inject({ url: '/servizi?q=famiglia' });
    expect(any.body).toContain('Centro per la famiglia');
  });

  it('shows a service page with every section, the booking link and the demo warning', async () => {
    const search = await get('/servizi?q=assegno+unico');
    const id = firstResult(search.body);
    expect(id).toBeDefined();
    const page = await get(`/servizi/${id}`);
    expect(page.statusCode).toBe(200);
    for (const h of ['A chi è rivolto', 'Come fare', 'Cosa serve', 'Quanto costa', 'Dove e quando', 'Contatti'])
      expect(page.body).toContain(h);
    expect(page.body).toContain('data-element="service-booking-access"');
    expect(page.body).toContain(`/prenota?ufficio=${world.centrale.id}`);
    expect(page.body).toContain('Dato dimostrativo');
    expect(page.body).toContain('Informazioni verificate il');
  });

  it('speaks English where translated and marks Italian fallback with lang="it"', async () => {
    const search = await get('/servizi?q=assegno+unico', 'en');
    const id = firstResult(search.body);
    const page = await get(`/servizi/${id}`, 'en');
    expect(page.body).toContain('Universal child allowance');
    expect(page.body).toContain('Who it is for');
    expect(page.body).toMatch(/<p lang="it">Famiglie con figli a carico/);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    expect((await get('/servizi/6f1c1a52-3a0e-4c55-9b62-8d8a4c0a7e11')).statusCode).toBe(404);
    expect((await get('/servizi/nope')).statusCode).toBe(404);
  });
});
