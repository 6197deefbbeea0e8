import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator } from '../../../test/support/factories.ts';
import type { Clock } from '../../platform/context.ts';
import { accessWorld } from './access.fixture.ts';
import { getAccess, listAccesses } from './access.read.service.ts';
import { type RegisterResult, registerAccess } from './access.service.ts';
import type { RegisterAccessInput } from './access.validation.ts';

let w: Awaited<ReturnType<typeof accessWorld>>;
beforeAll(async () => {
  w = await accessWorld();
});

const at = (iso: string): Clock => ({ now: () => new Date(iso) });
const walkIn = (over: Partial<RegisterAccessInput> = {}): RegisterAccessInput => ({
  officeId: w.office.id,
  channel: 'walk_in',
  presentedBy: 'person',
  referrer: 'self',
  requests: [{ needAreaId: w.area.housing as string, reason: 'Sfratto' }],
  ...over,
});
function saved(r: RegisterResult) {
  if (r.kind === 'invalid') throw new Error(`invalid: ${JSON.stringify(r.errors)}`);
  return r;
}

describe('registerAccess — IASS counting rule', () => {
  it('attaches a second registration of the same person, same office, same day, to the first', async () => {
    const p = await w.person();
    const first = saved(await registerAccess(w.ctx(at('2026-05-04T08:00:00Z')), walkIn({ persons: [p] })));
    expect(first.kind).toBe('created');
    expect(first.access.code).toMatch(/^ACC-2026-\d{6}$/);
    const second = saved(
      await registerAccess(
        w.ctx(at('2026-05-04T14:00:00Z')),
        walkIn({ persons: [p], requests: [{ needAreaId: w.area.school as string, reason: 'Iscrizione' }] }),
      ),
    );
    expect(second.kind).toBe('attached');
    expect(second.access.id).toBe(first.access.id);
    expect(second.access.requests.map((r) => r.needArea.code)).toEqual(['housing', 'school']);
    expect(second.access.persons).toEqual([{ personId: p, anonymousSex: null, anonymousAgeBand: null }]);
    const events = await w.db
      .selectFrom('audit_event')
      .select('details')
      .where('action', '=', 'access.register')
      .where('record_id', '=', first.access.id)
      .orderBy('seq')
      .execute();
    expect(events.map((e) => (e.details as { attached: boolean }).attached)).toEqual([false, true]);
  });

  it('counts a new access at another office, and on the next day', async () => {
    const p = await w.person();
    const first = saved(await registerAccess(w.ctx(at('2026-05-05T08:00:00Z')), walkIn({ persons: [p] })));
    const other = saved(
      await registerAccess(w.ctx(at('2026-05-05T09:00:00Z')), walkIn({ persons: [p], officeId: w.otherOffice.id })),
    );
    expect(other.kind).toBe('created');
    expect(other.access.id).not.toBe(first.access.id);
    const next = saved(await registerAccess(w.ctx(at('2026-05-06T08:00:00Z')), walkIn({ persons: [p] })));
    expect(next.kind).toBe('created');
    expect(next.access.accessDay).toBe('2026-05-06');
  });

  it('uses the Rome calendar day: 23:59 and 00:01 in Rome are two days, though the same UTC day', async () => {
    const p = await w.person();
    // 10 March 2026: Rome is UTC+1. 22:59Z = 23:59 on the 10th; 23:01Z = 00:01 on the 11th.
    const late = saved(await registerAccess(w.ctx(at('2026-03-10T22:59:00Z')), walkIn({ persons: [p] })));
    const early = saved(await registerAccess(w.ctx(at('2026-03-10T23:01:00Z')), walkIn({ persons: [p] })));
    expect([late.kind, late.access.accessDay]).toEqual(['created', '2026-03-10']);
    expect([early.kind, early.access.accessDay]).toEqual(['created', '2026-03-11']);
    // And 00:30 Rome on the 11th is still the 11th, though UTC says the 10th.
    const again = saved(await registerAccess(w.ctx(at('2026-03-10T23:30:00Z')), walkIn({ persons: [p] })));
    expect([again.kind, again.access.id]).toEqual(['attached', early.access.id]);
  });

  it('turns a race between two desks into one access with both requests, never an error', async () => {
    const p = await w.person();
    const clock = at('2026-05-07T08:00:00Z');
    // Hold the code counter so both registrations pass their "already here today?" check before
    // either writes; the loser then meets the unique index and must attach instead of failing.
    let release = () => {};
    const held = new Promise<void>((r) => {
      release = r;
    });
    const holder = w.db.transaction().execute(async (trx) => {
      await sql`SELECT last FROM access_code_counter WHERE tenant_id = ${w.tenant.id} AND year = 2026 FOR UPDATE`.execute(
        trx,
      );
      await held;
    });
    const racing = Promise.all([
      registerAccess(w.ctx(clock), walkIn({ persons: [p] })),
      registerAccess(w.ctx(clock), walkIn({ persons: [p] })),
    ]);
    await new Promise((r) => setTimeout(r, 500));
    release();
    await holder;
    const results = await racing;
    expect(results.map((r) => r.kind).sort()).toEqual(['attached', 'created']);
    const ids = new Set(results.map((r) => saved(r).access.id));
    expect(ids.size).toBe(1);
    const view = await getAccess(w.ctx(clock), [...ids][0] as string);
    expect(view.requests).toHaveLength(2);
  });

  it('attaching adds newly named persons and never lowers the urgency', async () => {
    const [a, b] = [await w.person(), await w.person()];
    const clock = at('2026-05-08T08:00:00Z');
    const first = saved(
      await registerAccess(w.ctx(clock), walkIn({ persons: [a], urgency: 'immediate', urgencyReason: 'Minore solo' })),
    );
    const second = saved(await registerAccess(w.ctx(clock), walkIn({ persons: [a, b], barriers: ['language'] })));
    expect(second.kind).toBe('attached');
    expect(second.access.persons.map((p) => p.personId).sort()).toEqual([a, b].sort());
    expect(second.access.triage).toEqual({
      urgency: 'immediate',
      urgencyReason: 'Minore solo',
      prontoIntervento: false,
    });
    expect(second.access.care.barriers).toEqual(['language']);
    expect(second.access.version).toBe(first.access.version + 1);
  });
});

describe('registerAccess — persons and requests', () => {
  it('reopens a closed access of today when a new request is attached to it', async () => {
    const p = await w.person();
    const clock = at('2026-05-09T08:00:00Z');
    const first = saved(await registerAccess(w.ctx(clock), walkIn({ persons: [p] })));
    await w.db
      .updateTable('access')
      .set({ status: 'closed', closed_at: new Date('2026-05-09T09:00:00Z') })
      .where('id', '=', first.access.id)
      .execute();
    const again = saved(await registerAccess(w.ctx(at('2026-05-09T12:00:00Z')), walkIn({ persons: [p] })));
    expect(again).toMatchObject({ kind: 'attached', access: { id: first.access.id, status: 'open', closedAt: null } });
  });

  it('records an anonymous, information-only contact with optional sex and age band', async () => {
    const r = saved(
      await registerAccess(
        w.ctx(at('2026-05-11T08:00:00Z')),
        walkIn({ channel: 'phone', anonymous: { sex: 'F', ageBand: '65-79' } }),
      ),
    );
    expect(r.kind).toBe('created');
    expect(r.access.persons).toEqual([{ personId: null, anonymousSex: 'F', anonymousAgeBand: '65-79' }]);
    // Anonymous contacts never merge: a second one the same day is its own access.
    const again = saved(await registerAccess(w.ctx(at('2026-05-11T09:00:00Z')), walkIn({ anonymous: {} })));
    expect(again.kind).toBe('created');
  });

  it('records several persons concerned and several requests, with their need areas', async () => {
    const [a, b, c] = [await w.person(), await w.person(), await w.person()];
    const r = saved(
      await registerAccess(
        w.ctx(at('2026-05-12T08:00:00Z')),
        walkIn({
          persons: [a, b, c],
          presentedBy: 'relative',
          referrer: 'school',
          requests: [
            { needAreaId: w.area.housing as string, reason: 'Casa' },
            { needAreaId: w.area.school as string, reason: 'Mensa' },
          ],
          documentsDemanded: ['isee'],
          mandatedBy: 'school',
        }),
      ),
    );
    expect(r.access.persons.map((p) => p.personId).sort()).toEqual([a, b, c].sort());
    expect(r.access.requests.map((q) => [q.needArea.code, q.needArea.labelIt, q.needArea.taxonomyVersion])).toEqual([
      ['housing', 'Casa', 1],
      ['school', 'Scuola', 1],
    ]);
    expect(r.access.care).toMatchObject({ documentsDemanded: ['isee'], mandatedBy: 'school' });
  });

  it('refuses unknown persons, anonymous together with named persons, and unknown need areas', async () => {
    const p = await w.person();
    const bad = await registerAccess(
      w.ctx(),
      walkIn({
        persons: [p, '00000000-0000-7000-8000-000000000000'],
        requests: [{ needAreaId: '00000000-0000-7000-8000-000000000001', reason: 'x' }],
      }),
    );
    expect(bad).toEqual({ kind: 'invalid', errors: [{ field: 'persons.1', code: 'unknown' }] });
    const both = await registerAccess(w.ctx(), walkIn({ persons: [p], anonymous: {} }));
    expect(both).toEqual({ kind: 'invalid', errors: [{ field: 'anonymous', code: 'with-named-persons' }] });
    const area = await registerAccess(
      w.ctx(),
      walkIn({ requests: [{ needAreaId: '00000000-0000-7000-8000-000000000001', reason: 'x' }] }),
    );
    expect(area).toEqual({ kind: 'invalid', errors: [{ field: 'requests.0.needAreaId', code: 'not-current' }] });
  });
});

describe('registerAccess — triage', () => {
  it('requires a reason unless the urgency is ordinary, and an urgency for pronto intervento', async () => {
    const r = await registerAccess(w.ctx(), walkIn({ urgency: 'within_days', urgencyReason: '  ' }));
    expect(r).toEqual({ kind: 'invalid', errors: [{ field: 'urgencyReason', code: 'required' }] });
    const p = await registerAccess(w.ctx(), walkIn({ prontoIntervento: true }));
    expect(p).toEqual({ kind: 'invalid', errors: [{ field: 'urgency', code: 'pronto-intervento-not-ordinary' }] });
    const future = await registerAccess(
      w.ctx(at('2026-05-13T08:00:00Z')),
      walkIn({ occurredAt: '2026-05-13T09:00:00Z' }),
    );
    expect(future).toEqual({ kind: 'invalid', errors: [{ field: 'occurredAt', code: 'in-future' }] });
    const ok = saved(
      await registerAccess(
        w.ctx(at('2026-05-13T08:00:00Z')),
        walkIn({ urgency: 'immediate', urgencyReason: 'Senza dimora stanotte', prontoIntervento: true }),
      ),
    );
    expect(ok.access.triage).toEqual({
      urgency: 'immediate',
      urgencyReason: 'Senza dimora stanotte',
      prontoIntervento: true,
    });
  });

  it("puts immediate cases first on today's list, with waiting days on the awaiting list", async () => {
    const office = w.otherOffice.id;
    const day = at('2026-06-01T07:00:00Z');
    const plain = saved(await registerAccess(w.ctx(day), walkIn({ officeId: office, anonymous: {} })));
    const urgent = saved(
      await registerAccess(
        w.ctx(at('2026-06-01T08:00:00Z')),
        walkIn({ officeId: office, anonymous: {}, urgency: 'immediate', urgencyReason: 'Violenza' }),
      ),
    );
    const today = await listAccesses(w.ctx(at('2026-06-01T10:00:00Z')), { view: 'today', officeId: office });
    expect(today.map((a) => a.id)).toEqual([urgent.access.id, plain.access.id]);
    const later = await listAccesses(w.ctx(at('2026-06-04T10:00:00Z')), { view: 'awaiting', officeId: office });
    expect(later.filter((a) => a.accessDay === '2026-06-01').map((a) => a.waitingDays)).toEqual([3, 3]);
    const housing = await listAccesses(w.ctx(), { officeId: office, needArea: 'school', from: '2026-06-01' });
    expect(housing).toEqual([]);
    await expect(listAccesses(w.ctx(), { from: '2026-02-30' })).rejects.toMatchObject({ status: 422 });
  });

  it("lists my open accesses: those I registered, not a colleague's", async () => {
    const colleague = await buildOperator(w.db, w.tenant, 'front_office', { offices: [w.office] });
    const clock = at('2026-06-02T08:00:00Z');
    const mine = saved(await registerAccess(w.ctx(clock), walkIn({ anonymous: {} })));
    const theirs = saved(await registerAccess(w.ctx(clock, colleague, [w.office]), walkIn({ anonymous: {} })));
    const list = await listAccesses(w.ctx(clock), { view: 'mine', from: '2026-06-02', to: '2026-06-02' });
    expect(list.map((a) => a.id)).toEqual([mine.access.id]);
    const theirList = await listAccesses(w.ctx(clock, colleague, [w.office]), { view: 'mine', from: '2026-06-02' });
    expect(theirList.map((a) => a.id)).toEqual([theirs.access.id]);
  });
});

describe('access codes', () => {
  it('numbers accesses ACC-YYYY-NNNNNN per tenant and year, one after the other', async () => {
    const a = saved(await registerAccess(w.ctx(at('2027-01-02T09:00:00Z')), walkIn({ anonymous: {} })));
    const b = saved(await registerAccess(w.ctx(at('2027-01-02T09:05:00Z')), walkIn({ anonymous: {} })));
    expect([a.access.code, b.access.code]).toEqual(['ACC-2027-000001', 'ACC-2027-000002']);
  });
});
