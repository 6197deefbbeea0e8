import { beforeAll, describe, expect, it } from 'vitest';
import { aCase, secondLevelWorld } from '../../../test/support/referrals.ts';
import { ROLES } from '../../platform/context.ts';
import { casesPermissions } from './cases.policy.ts';

// Permission test for `case.diary_write`: every role, through the API; the note never reaches the log.
let w: Awaited<ReturnType<typeof secondLevelWorld>>;
let id: string;
beforeAll(async () => {
  w = await secondLevelWorld();
  id = (await aCase(w)).id;
});

describe('case.diary_write', () => {
  it('is granted to social workers and coordinators only', () => {
    expect(ROLES.filter((r) => casesPermissions['case.diary_write'].includes(r))).toEqual([
      'coordinator',
      'social_worker',
    ]);
  });

  it.each(ROLES)('%s: allowed writes a note (audited, no text); refused gets 403 (audited denied)', async (role) => {
    const op = w.operators[role];
    const res = await w.api('POST', `/api/v1/cases/${id}/diary`, op.token, { note: 'Colloquio domiciliare difficile' });
    const events = await w.events(op.userId, 'case.diary_write');
    if (casesPermissions['case.diary_write'].includes(role)) {
      expect(res.statusCode).toBe(201);
      expect(res.json().diary.at(-1)).toMatchObject({ note: 'Colloquio domiciliare difficile', confidential: true });
      expect(events.at(-1)).toMatchObject({ outcome: 'ok', record_id: id });
      expect(JSON.stringify(events)).not.toContain('domiciliare');
    } else {
      expect(res.statusCode).toBe(403);
      expect(events.at(-1)).toMatchObject({ outcome: 'denied', record_id: id });
    }
  });

  it('confidential notes are shown to the team, not to the proposer who is not on it', async () => {
    const other = await aCase(w, false);
    // The other social worker is not on that proposal: nothing. The coordinator decides it to the other worker.
    await w.api('POST', `/api/v1/cases/${other.id}/decision`, w.operators.coordinator.token, {
      decision: 'accept',
      version: other.version,
      responsibleWorkerId: w.otherWorker.userId,
    });
    await w.api('POST', `/api/v1/cases/${other.id}/diary`, w.otherWorker.token, { note: 'Nota riservata' });
    await w.api('POST', `/api/v1/cases/${other.id}/diary`, w.otherWorker.token, {
      note: 'Nota per tutti',
      confidential: false,
    });
    const proposer = await w.api('GET', `/api/v1/cases/${other.id}`, w.operators.social_worker.token);
    expect(proposer.json().diary.map((d: { note: string }) => d.note)).toEqual(['Nota per tutti']);
    const responsible = await w.api('GET', `/api/v1/cases/${other.id}`, w.otherWorker.token);
    expect(responsible.json().diary.map((d: { note: string }) => d.note)).toEqual(['Nota riservata', 'Nota per tutti']);
  });
});
