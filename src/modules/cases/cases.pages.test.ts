import { beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../test/support/app.ts';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';

let w: Awaited<ReturnType<typeof secondLevelWorld>>;
beforeAll(async () => {
  w = await secondLevelWorld();
});

const signedIn = async (op: { username: string; password: string }) => {
  const b = new Browser(w.app);
  await b.login(op.username, op.password);
  return b;
};

describe('case pages', () => {
  it('the coordinator finds the proposal, accepts it by form; the worker writes in the diary', async () => {
    const p = await aCase(w, false);
    const coord = await signedIn(w.operators.coordinator);
    const list = await coord.get('/operatori/casi?vista=proposed');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/operatori/casi/${p.id}`);
    const page = await coord.get(`/operatori/casi/${p.id}`);
    expect(page.body).toContain('Perdita del lavoro e sfratto');
    expect(page.body).toContain('Decisione sulla proposta');
    const accepted = await coord.submit(`/operatori/casi/${p.id}`, `/operatori/casi/${p.id}/decisione`, {
      decision: 'accept',
      version: String(p.version),
      responsibleWorkerId: w.operators.social_worker.userId,
    });
    expect(accepted.statusCode).toBe(303);
    expect((await coord.get(`/operatori/casi/${p.id}`)).body).toContain('id="case-status">Aperto<');

    const sw = await signedIn(w.operators.social_worker);
    const load = await sw.get('/operatori/casi');
    expect(load.body).toContain(`/operatori/casi/${p.id}`);
    const wrote = await sw.submit(`/operatori/casi/${p.id}`, `/operatori/casi/${p.id}/diario`, {
      note: 'Primo colloquio a domicilio',
    });
    expect(wrote.statusCode).toBe(303);
    expect((await sw.get(`/operatori/casi/${p.id}`)).body).toContain('Primo colloquio a domicilio');
    const empty = await sw.submit(`/operatori/casi/${p.id}`, `/operatori/casi/${p.id}/diario`, { note: '' });
    expect(empty.statusCode).toBe(422);
  });

  it('a decline without reasons comes back 422; the front desk and partners get no case pages', async () => {
    const p = await aCase(w, false);
    const coord = await signedIn(w.operators.coordinator);
    const bad = await coord.submit(`/operatori/casi/${p.id}`, `/operatori/casi/${p.id}/decisione`, {
      decision: 'decline',
      version: String(p.version),
    });
    expect(bad.statusCode).toBe(422);
    for (const role of ['front_office', 'partner'] as const) {
      const b = await signedIn(w.operators[role]);
      expect((await b.get('/operatori/casi')).statusCode).toBe(403);
      const one = await b.get(`/operatori/casi/${p.id}`);
      expect(one.statusCode).toBe(403);
      expect(one.body).not.toContain('sfratto');
    }
  });
});
