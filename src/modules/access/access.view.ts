import type { Executor } from '../../platform/db/database.ts';
import * as repo from './access.repository.ts';

/** One access as the front door sees it: persons concerned, requests in their own taxonomy version, triage, facts. */
export interface AccessView {
  id: string;
  code: string;
  officeId: string;
  accessDay: string;
  occurredAt: Date;
  channel: string;
  presentedBy: string;
  referrer: string;
  status: string;
  registeredBy: string | null;
  triage: { urgency: string; urgencyReason: string | null; prontoIntervento: boolean };
  persons: { personId: string | null; anonymousSex: string | null; anonymousAgeBand: string | null }[];
  requests: {
    id: string;
    reason: string;
    createdAt: Date;
    needArea: {
      id: string;
      code: string;
      parentCode: string | null;
      siussArea: number | null;
      labelIt: string;
      labelEn: string;
      taxonomyVersion: number;
    };
    outcomes: {
      id: string;
      kind: string;
      detail: string | null;
      reasonCode: string | null;
      /** The directory service named (information/orientation), with its name. */
      serviceId: string | null;
      serviceName: string | null;
      recordedAt: Date;
    }[];
  }[];
  care: {
    documentsDemanded: string[];
    conditionsImposed: string | null;
    helpAtFirstInterview: boolean | null;
    barriers: string[];
    mandatedBy: string;
  };
  /** Whole days since the access while it still waits for an interview; null otherwise. */
  waitingDays: number | null;
  closedAt: Date | null;
  version: number;
}

/** Whole calendar days from one YYYY-MM-DD to another. */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

export function waitingDays(status: string, accessDay: string, today: string): number | null {
  return status === 'waiting' ? Math.max(0, daysBetween(accessDay, today)) : null;
}

export async function loadAccessView(
  trx: Executor,
  tenantId: string,
  row: repo.AccessRow,
  today: string,
): Promise<AccessView> {
  const persons = await repo.personsOf(trx, tenantId, row.id);
  const requests = await repo.requestsOf(trx, tenantId, row.id);
  const outcomes = await repo.outcomesOf(trx, tenantId, row.id);
  return {
    id: row.id,
    code: row.code,
    officeId: row.office_id,
    accessDay: row.access_day,
    occurredAt: row.occurred_at,
    channel: row.channel,
    presentedBy: row.presented_by,
    referrer: row.referrer,
    status: row.status,
    registeredBy: row.registered_by,
    triage: { urgency: row.urgency, urgencyReason: row.urgency_reason, prontoIntervento: row.pronto_intervento },
    persons: persons.map((p) => ({
      personId: p.person_id,
      anonymousSex: p.anonymous_sex,
      anonymousAgeBand: p.anonymous_age_band,
    })),
    requests: requests.map((r) => ({
      id: r.id,
      reason: r.reason,
      createdAt: r.created_at,
      needArea: {
        id: r.area_id,
        code: r.code,
        parentCode: r.parent_code,
        siussArea: r.siuss_area,
        labelIt: r.label_it,
        labelEn: r.label_en,
        taxonomyVersion: r.taxonomy_version,
      },
      outcomes: outcomes
        .filter((o) => o.request_id === r.id)
        .map((o) => ({
          id: o.id,
          kind: o.kind,
          detail: o.detail,
          reasonCode: o.reason_code,
          serviceId: o.service_id,
          serviceName: o.service_id ? (o.service_name ?? '') : null,
          recordedAt: o.recorded_at,
        })),
    })),
    care: {
      documentsDemanded: row.documents_demanded,
      conditionsImposed: row.conditions_imposed,
      helpAtFirstInterview: row.help_at_first_interview,
      barriers: row.barriers,
      mandatedBy: row.mandated_by,
    },
    waitingDays: waitingDays(row.status, row.access_day, today),
    closedAt: row.closed_at,
    version: row.version,
  };
}
