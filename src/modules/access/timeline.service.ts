import type { Ctx } from '../../platform/context.ts';
import { withTenant } from '../../platform/db/database.ts';
import { Forbidden } from '../../platform/errors.ts';
import { isUuid } from '../../platform/ids.ts';
import { roleMay } from '../../platform/policy.ts';
import { recordDenied, recordEvent } from '../audit/index.ts';
import { accessPermissions, officeScope } from './access.policy.ts';
import { interviewPermissions } from './interview.policy.ts';
import * as repo from './timeline.repository.ts';

export interface TimelineAccess {
  id: string;
  code: string;
  officeId: string;
  occurredAt: Date;
  channel: string;
  urgency: string;
  status: string;
  requests: {
    id: string;
    labelIt: string;
    labelEn: string;
    outcomes: { kind: string; reasonCode: string | null; recordedAt: Date }[];
  }[];
  /** Absent when the reader's role may not read interviews. */
  interviews?: {
    id: string;
    kind: string;
    startedAt: Date;
    durationMinutes: number | null;
    conductedBy: string | null;
    /** Present only for roles that may read the confidential summary. */
    confidentialSummary?: string | null;
  }[];
}

/**
 * A person's accesses, their requests and outcomes, and their interviews, as the person file shows
 * them: only accesses of the reader's offices, interviews only for roles that read them, the
 * confidential summary only for social workers. Audited (ids only) in the same transaction.
 */
export async function personTimeline(ctx: Ctx, personId: string): Promise<TimelineAccess[]> {
  const actor = ctx.actor;
  if (!roleMay(accessPermissions, actor, 'access.read') || !isUuid(personId)) {
    await recordDenied(ctx, { action: 'access.read', recordType: 'person', recordId: personId.slice(0, 64) });
    throw new Forbidden('access.read');
  }
  const withInterviews = roleMay(interviewPermissions, actor, 'interview.read');
  const withSummary = withInterviews && roleMay(interviewPermissions, actor, 'interview.read_summary');
  return withTenant(ctx.db, actor.tenantId, async (trx) => {
    const accesses = await repo.accessesOfPerson(trx, actor.tenantId, personId, officeScope(actor));
    const ids = accesses.map((a) => a.id);
    const requests = await repo.requestsOfAccesses(trx, actor.tenantId, ids);
    const outcomes = await repo.outcomesOfAccesses(trx, actor.tenantId, ids);
    const interviews = withInterviews ? await repo.interviewsOfAccesses(trx, actor.tenantId, ids, withSummary) : [];
    await recordEvent(trx, ctx, {
      action: 'access.read',
      recordType: 'person',
      recordId: personId,
      details: { view: 'person-timeline', accessIds: ids, interviewIds: interviews.map((i) => i.id), withSummary },
    });
    return accesses.map((a) => ({
      id: a.id,
      code: a.code,
      officeId: a.office_id,
      occurredAt: a.occurred_at,
      channel: a.channel,
      urgency: a.urgency,
      status: a.status,
      requests: requests
        .filter((r) => r.access_id === a.id)
        .map((r) => ({
          id: r.id,
          labelIt: r.label_it,
          labelEn: r.label_en,
          outcomes: outcomes
            .filter((o) => o.request_id === r.id)
            .map((o) => ({ kind: o.kind, reasonCode: o.reason_code, recordedAt: o.recorded_at })),
        })),
      ...(withInterviews
        ? {
            interviews: interviews
              .filter((i) => i.access_id === a.id)
              .map((i) => ({
                id: i.id,
                kind: i.kind,
                startedAt: i.started_at,
                durationMinutes: i.duration_minutes,
                conductedBy: i.conducted_by_name,
                ...(withSummary ? { confidentialSummary: i.confidential_summary } : {}),
              })),
          }
        : {}),
    }));
  });
}
