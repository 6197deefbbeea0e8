import { beforeEach, describe, expect, it } from 'vitest';
import { freshDatabase, ownerQuery } from '../../../test/support/db.ts';
import { asSystem, type Db } from '../../platform/db/database.ts';
import { recordEvent, verifyAuditChain } from './index.ts';

const system = { actor: { kind: 'system' as const, tenantId: undefined }, requestId: 'test' };

async function append(db: Db, n: number) {
  for (let i = 0; i < n; i++)
    await asSystem(db, (trx) =>
      recordEvent(trx, system, { action: `test.event.${i}`, recordType: 'thing', recordId: String(i) }),
    );
}

/** Changes audit rows as someone with owner access to the database would: switching the guard trigger off. */
async function tamper(url: string, statement: string) {
  await ownerQuery(
    url,
    `BEGIN; ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update; ${statement}; ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update; COMMIT;`,
  );
}

describe('audit hash chain', () => {
  let db: Db;
  let url: string;
  beforeEach(async () => {
    ({ db, url } = await freshDatabase());
    await append(db, 5);
  });

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 5 });
  });

  it('names an altered event', async () => {
    await tamper(url, `UPDATE audit_event SET record_id = '999' WHERE seq = 3`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: 3, reason: 'hash-mismatch' });
  });

  it('names the event after a removed one', async () => {
    await tamper(url, 'DELETE FROM audit_event WHERE seq = 2');
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: 3, reason: 'broken-link' });
  });

  it('detects an event re-hashed and re-chained in place (its successor no longer links)', async () => {
    await tamper(
      url,
      `UPDATE audit_event SET action = 'forged', hash = audit_event_hash(seq, prev_hash, occurred_at, tenant_id, actor_user_id,
         actor_kind, 'forged', outcome, record_type, record_id, request_id, details) WHERE seq = 4`,
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: 5, reason: 'broken-link' });
  });

  it('refuses UPDATE, DELETE and TRUNCATE while the guard trigger is on', async () => {
    await expect(ownerQuery(url, 'UPDATE audit_event SET action = $1 WHERE seq = 1', ['x'])).rejects.toThrow(
      /append-only/,
    );
    await expect(ownerQuery(url, 'DELETE FROM audit_event WHERE seq = 1')).rejects.toThrow(/append-only/);
    await expect(ownerQuery(url, 'TRUNCATE audit_event')).rejects.toThrow(/append-only/);
  });

  it('keeps one gap-free order under concurrent writers, and a rolled-back write leaves no trace', async () => {
    await Promise.all(Array.from({ length: 20 }, () => append(db, 1)));
    await expect(
      asSystem(db, async (trx) => {
        await recordEvent(trx, system, { action: 'never.committed' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await append(db, 1);
    expect(await verifyAuditChain(db)).toEqual({ ok: true, events: 26 });
    const ghost = await db.selectFrom('audit_event').select('seq').where('action', '=', 'never.committed').execute();
    expect(ghost).toEqual([]);
  });
});
