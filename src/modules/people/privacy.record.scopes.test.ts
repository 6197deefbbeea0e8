import { beforeAll, describe, expect, it } from 'vitest';
import { buildOperator, buildToken } from '../../../test/support/factories.ts';
import { ROLES } from '../../platform/context.ts';
import { peopleScopes } from './people.scopes.fixture.ts';

// Permission test for `privacy.record`: every role, through the API — the privacy notice, a consent
// and its revocation.
let s: Awaited<ReturnType<typeof peopleScopes>>;
let id: string;
let consentId: string;
beforeAll(async () => {
  s = await peopleScopes();
  ({ id } = await s.aPerson('Informata'));
  // Set up by a worker outside the per-role operators, so each role's events are its own.
  const setter = await buildToken(s.db, await buildOperator(s.db, s.tenant, 'social_worker'));
  const res = await s.api('POST', `/api/v1/people/${id}/consents`, setter, {
    purpose: 'research_contact',
    scope: '',
  });
  consentId = res.json<{ id: string }>().id;
});

describe('privacy.record', () => {
  it('is granted to the front door only', () => {
    expect(ROLES.filter(s.allowed('privacy.record'))).toEqual(['coordinator', 'social_worker', 'front_office']);
  });

  it.each(ROLES)(
    '%s: allowed records notices and consents (audited); refused gets 403 (audited denied)',
    async (role) => {
      const op = s.operators[role];
      const notice = await s.api('POST', `/api/v1/people/${id}/privacy-notices`, op.token, {
        noticeVersion: '2026-01',
        channel: 'in_person',
      });
      const consent = await s.api('POST', `/api/v1/people/${id}/consents`, op.token, {
        purpose: 'follow_up_contact',
        scope: 'telefono',
      });
      const given = await s.events(op.userId, 'consent.give');
      if (s.allowed('privacy.record')(role)) {
        expect([notice.statusCode, consent.statusCode]).toEqual([201, 201]);
        expect(await s.events(op.userId, 'privacy.notice.record')).toEqual([{ outcome: 'ok', record_id: id }]);
        expect(given).toEqual([{ outcome: 'ok', record_id: id }]);
      } else {
        expect([notice.statusCode, consent.statusCode]).toEqual([403, 403]);
        expect(await s.events(op.userId, 'privacy.notice.record')).toEqual([{ outcome: 'denied', record_id: id }]);
        expect(given).toEqual([{ outcome: 'denied', record_id: id }]);
        const revoke = await s.api('POST', `/api/v1/people/${id}/consents/${consentId}/revoke`, op.token, {});
        expect(revoke.statusCode).toBe(403);
        expect(await s.events(op.userId, 'consent.revoke')).toEqual([{ outcome: 'denied', record_id: id }]);
      }
    },
  );

  it('lets an allowed role revoke a consent, once', async () => {
    const op = s.operators.front_office;
    const res = await s.api('POST', `/api/v1/people/${id}/consents/${consentId}/revoke`, op.token, {});
    expect(res.statusCode).toBe(200);
    expect(await s.events(op.userId, 'consent.revoke')).toEqual([{ outcome: 'ok', record_id: id }]);
  });

  it("answers 404 for another tenant's person, and audits the attempt", async () => {
    const res = await s.api('POST', `/api/v1/people/${id}/privacy-notices`, s.outsiderToken, {
      noticeVersion: '2026-01',
      channel: 'phone',
    });
    expect(res.statusCode).toBe(404);
    const denied = await s.db
      .selectFrom('audit_event')
      .select(['outcome', 'tenant_id'])
      .where('action', '=', 'privacy.notice.record')
      .where('record_id', '=', id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.some((e) => e.tenant_id !== s.tenant.id)).toBe(true);
  });
});
