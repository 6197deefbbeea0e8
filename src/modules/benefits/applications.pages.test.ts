import { beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp } from '../../../test/support/app.ts';
import { clockOn, seedBenefitRules } from '../../../test/support/benefits.ts';
import { freshDatabase } from '../../../test/support/db.ts';
import { buildOffice, buildOperator, buildTenant, type TestOperator } from '../../../test/support/factories.ts';

let app: Awaited<ReturnType<typeof buildTestApp>>;
let worker: TestOperator;
let front: TestOperator;

beforeAll(async () => {
  const { db } = await freshDatabase();
  const tenant = await buildTenant(db);
  const office = await buildOffice(db, tenant);
  await seedBenefitRules(db, tenant);
  worker = await buildOperator(db, tenant, 'social_worker', { offices: [office] });
  front = await buildOperator(db, tenant, 'front_office', { offices: [office] });
  app = await buildTestApp(db, { clock: clockOn('2026-03-10') });
});

describe('operator pages for applications', () => {
  it('the new-application form asks exactly the inputs the municipal rules read, and 422 without a person', async () => {
    const b = new Browser(app);
    await b.login(worker.username, worker.password);
    const form = await b.get('/operatori/aiuti/nuova');
    expect(form.statusCode).toBe(200);
    for (const n of ['resident', 'isee', 'householdSize', 'familyIncome', 'urgentExpense', 'expenseAmount']) {
      expect(form.body).toContain(`id="in-${n}"`);
    }
    expect(form.body).not.toContain('id="in-minors"');
    const res = await b.submit('/operatori/aiuti/nuova', '/operatori/aiuti/nuova', {
      action: 'open',
      measure: 'contributo-ordinario',
      'in-isee': 'tanto',
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('href="#q"');
    expect(res.body).toContain('id="in-isee-error"');
  });

  it('front office staff may not open applications (403) and see only the funds', async () => {
    const b = new Browser(app);
    await b.login(front.username, front.password);
    expect((await b.get('/operatori/aiuti/nuova')).statusCode).toBe(403);
    const list = await b.get('/operatori/aiuti');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('/operatori/aiuti/nuova');
  });
});
