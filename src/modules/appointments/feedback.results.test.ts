import { describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { operatorCtx } from '../../../test/support/factories.ts';
import { buildFeedbackWorld } from '../../../test/support/feedback.ts';
import { feedbackResults } from './feedback.results.service.ts';

const { db } = await freshDatabase();
const { tenant, operators } = await buildFeedbackWorld(db);
const clock = fixedClock('2026-11-27T08:00:00Z');
const coordinator = operators.coordinator;
if (!coordinator) throw new Error('no coordinator');

describe('feedback results', () => {
  it('counts per page, star distribution, average and follow-up answers by code, within the period', async () => {
    const r = await feedbackResults(operatorCtx(db, coordinator, clock));
    expect(r.pages.map((p) => [p.page, p.total, p.stars])).toEqual([
      ['prenota', 3, [0, 1, 0, 1, 1]],
      ['richiesta-assistenza', 1, [0, 0, 0, 0, 1]],
    ]);
    expect(r.pages[0]?.average).toBeCloseTo(11 / 3);
    expect(r.pages[0]?.aspects).toEqual([
      { side: 'negative', aspect: 'lost', n: 1 },
      { side: 'positive', aspect: 'clear', n: 2 },
    ]);
    const may = await feedbackResults(operatorCtx(db, coordinator, clock), { from: '2026-05-01', to: '2026-05-31' });
    expect(may.pages.map((p) => [p.page, p.total])).toEqual([['prenota', 1]]);
    expect(may.comments.map((c) => [c.day, c.comment])).toEqual([['2026-05-01', 'Vecchio commento']]);
  });

  it('/operatori/valutazioni: tables for a coordinator, 403 for the front desk', async () => {
    const app = await buildTestApp(db, { clock, env: { DEFAULT_TENANT: tenant.code } });
    const b = new Browser(app);
    await b.login(coordinator.username, coordinator.password);
    const page = await b.get('/operatori/valutazioni');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<caption>Valutazioni per pagina o servizio</caption>');
    expect(page.body).toContain('Prenotazione di un appuntamento');
    expect(page.body).toContain('A volte non capivo se stavo procedendo correttamente');
    expect(page.body).toContain('Non trovavo gli orari');
    const front = operators.front_office;
    if (!front) throw new Error('no front office');
    const desk = new Browser(app);
    await desk.login(front.username, front.password);
    expect((await desk.get('/operatori/valutazioni')).statusCode).toBe(403);
  });
});
