import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../test/support/appointments.ts';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { buildOperator, operatorCtx } from '../../../test/support/factories.ts';
import { buildRequestWorld, validRequest } from '../../../test/support/requests.ts';
import type { Ctx } from '../../platform/context.ts';
import { asSystem } from '../../platform/db/database.ts';
import { getAccess, listAccesses } from '../access/index.ts';
import { requestStatus, submitRequest } from './request.service.ts';
import { requestFormFrom } from './request.validation.ts';

const { db, url } = await freshDatabase();
const q = async <R>(text: string, values: unknown[] = []) => (await ownerQuery(url, text, values)).rows as R[];
const { tenant, office } = await buildRequestWorld(db);
// Friday 27 November 2026, 23:30 in Rome (22:30 UTC): already the 27th in Rome, still the 27th in UTC.
const clock = fixedClock('2026-11-27T22:30:00Z');
const publicCtx: Ctx = { actor: { kind: 'anonymous', tenantId: tenant.id }, requestId: 'test-public', clock, db };

describe('request for assistance', () => {
  it('numbers the request, takes it in charge today (Rome) and sets the maximum completion date from the service', async () => {
    const r = await submitRequest(publicCtx, requestFormFrom(validRequest()), 'it');
    if (r.kind !== 'created') throw new Error(JSON.stringify(r));
    expect(r.receipt.number).toMatch(/^RA-2026-\d{6}$/);
    expect(r.receipt.takenInChargeOn).toBe('2026-11-27');
    expect(r.receipt.dueOn).toBe('2026-12-27');
    const info = await submitRequest(publicCtx, requestFormFrom(validRequest({ service: 'info' })), 'en');
    if (info.kind !== 'created') throw new Error('not created');
    expect(info.receipt.dueOn).toBe('2026-12-07');
    expect(Number(info.receipt.number.slice(-6))).toBe(Number(r.receipt.number.slice(-6)) + 1);
  });

  it('files an online access with no registering operator, its request and two audit entries by the public', async () => {
    const r = await submitRequest(publicCtx, requestFormFrom(validRequest()), 'it');
    if (r.kind !== 'created') throw new Error('not created');
    const row = await q<{ access_id: string; channel: string; registered_by: string | null; status: string }>(
      `SELECT r.access_id, a.channel, a.registered_by, a.status FROM assistance_request r JOIN access a ON a.id = r.access_id WHERE r.id = $1`,
      [r.receipt.id],
    );
    expect(row[0]).toMatchObject({ channel: 'online_request', registered_by: null, status: 'waiting' });
    const audit = await q<{ action: string; actor_kind: string; details: Record<string, unknown> }>(
      `SELECT action, actor_kind, details FROM audit_event WHERE record_id IN ($1, $2) ORDER BY seq`,
      [r.receipt.id, row[0]?.access_id],
    );
    expect(audit.map((a) => [a.action, a.actor_kind])).toEqual([
      ['access.register', 'anonymous'],
      ['assistance.create', 'anonymous'],
    ]);
    // No name, e-mail or text in the audit details.
    expect(JSON.stringify(audit)).not.toMatch(/Giovanna|Sala|example\.org|sfratto/);

    // The operators see it in the register like any access, with its request text.
    const op = await buildOperator(db, tenant, 'front_office', { offices: [office] });
    const ctx = operatorCtx(db, op, clock, [office.id]);
    const access = await getAccess(ctx, row[0]?.access_id ?? '');
    expect(access.registeredBy).toBeNull();
    expect(access.requests[0]?.reason).toContain('sfratto');
    const list = await listAccesses(ctx, { view: 'today' } as Parameters<typeof listAccesses>[1]);
    expect(JSON.stringify(list)).toContain(row[0]?.access_id ?? 'missing');
  });

  it('refuses bad input field by field and writes nothing', async () => {
    const before = await q<{ n: string }>('SELECT count(*) AS n FROM access');
    const r = await submitRequest(
      publicCtx,
      requestFormFrom(
        validRequest({ firstName: '', email: 'not-an-email', service: 'nope', message: 'x'.repeat(601), privacy: '' }),
      ),
      'it',
    );
    expect(r.kind).toBe('invalid');
    if (r.kind !== 'invalid') return;
    expect(r.errors.map((e) => e.key).sort()).toEqual(
      ['email.invalid', 'firstName.required', 'message.tooLong', 'privacy.required', 'service.required'].sort(),
    );
    expect(await q('SELECT count(*) AS n FROM access')).toEqual(before);
    // 600 characters (accented letters count once) are fine.
    const ok = await submitRequest(publicCtx, requestFormFrom(validRequest({ message: 'è'.repeat(600) })), 'it');
    expect(ok.kind).toBe('created');
  });

  it('status by number and e-mail: received, then taken in charge, then closed; a wrong e-mail is the same as no request', async () => {
    const r = await submitRequest(publicCtx, requestFormFrom(validRequest()), 'it');
    if (r.kind !== 'created') throw new Error('not created');
    const s1 = await requestStatus(publicCtx, r.receipt.number.toLowerCase(), 'GIOVANNA.sala@example.org');
    expect(s1).toMatchObject({ stage: 'received', takenInChargeOn: '2026-11-27', dueOn: '2026-12-27', closedOn: null });
    expect(await requestStatus(publicCtx, r.receipt.number, 'someone.else@example.org')).toBeUndefined();
    expect(await requestStatus(publicCtx, 'RA-2026-999999', 'giovanna.sala@example.org')).toBeUndefined();
    const [{ access_id: accessId } = { access_id: '' }] = await q<{ access_id: string }>(
      'SELECT access_id FROM assistance_request WHERE id = $1',
      [r.receipt.id],
    );
    await asSystem(db, (trx) => trx.updateTable('access').set({ status: 'open' }).where('id', '=', accessId).execute());
    expect((await requestStatus(publicCtx, r.receipt.number, 'giovanna.sala@example.org'))?.stage).toBe('in_progress');
    await asSystem(db, (trx) =>
      trx
        .updateTable('access')
        .set({ status: 'closed', closed_at: new Date('2026-11-28T09:00:00Z') })
        .where('id', '=', accessId)
        .execute(),
    );
    const closed = await requestStatus(publicCtx, r.receipt.number, 'giovanna.sala@example.org');
    expect(closed?.stage).toBe('closed');
    expect(closed?.closedOn).toBe('2026-11-28');
  });

  it('migration 0014: only the online_request channel may have no registering operator', async () => {
    const insert = (channel: string) =>
      q(
        `INSERT INTO access (id, tenant_id, code, office_id, access_day, occurred_at, channel, presented_by, referrer, registered_by)
         VALUES (gen_random_uuid(), $1, $2, $3, '2026-11-27', now(), $4, 'person', 'self', NULL)`,
        [tenant.id, `ACC-T-${channel}`, office.id, channel],
      );
    for (const channel of ['walk_in', 'phone', 'email', 'outreach', 'sent_by_service']) {
      await expect(insert(channel)).rejects.toThrow(/access_registered_by_operator/);
    }
    await expect(insert('online_request')).resolves.toBeDefined();
  });
});
