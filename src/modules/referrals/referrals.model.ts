import type { ReferralRow } from './referrals.repository.ts';

export const DESTINATION_TYPES = ['internal_area', 'public_body', 'partner'] as const;
export const INTERNAL_AREAS = ['minors_families', 'adults', 'elderly', 'disability'] as const;
export const PUBLIC_BODIES = ['asst_pua', 'job_centre', 'inps', 'caf_patronato'] as const;
export const URGENCIES = ['immediate', 'within_days', 'ordinary'] as const;
export const LEGAL_BASES = ['consent', 'legal_obligation', 'public_task'] as const;
export const STATUSES = [
  'draft',
  'sent',
  'received',
  'accepted',
  'declined',
  'in_progress',
  'completed',
  'cancelled',
  'expired',
] as const;
export type Status = (typeof STATUSES)[number];
export const DECLINE_REASONS = ['no_capacity', 'not_eligible', 'cannot_contact', 'person_declined', 'other'] as const;
export const OUTCOMES = [
  'got_help',
  'partly',
  'not_eligible',
  'no_capacity',
  'could_not_contact',
  'no_longer_interested',
] as const;
export const CAPACITY = ['has_capacity', 'waitlist', 'no_capacity'] as const;
export const FOLLOW_UP_ANSWERS = ['yes', 'partly', 'no'] as const;

/** The fields an operator may choose to share, one by one; nothing else ever leaves the file. */
export const SHAREABLE_FIELDS = [
  'reason',
  'givenNames',
  'familyNames',
  'birthDate',
  'phone',
  'email',
  'address',
  'languages',
  'taxCode',
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** The legal moves (the same table is in the database: referral_transition, checked by a trigger). */
export const TRANSITIONS: Record<Status, readonly Status[]> = {
  draft: ['sent', 'cancelled'],
  sent: ['received', 'accepted', 'declined', 'cancelled', 'expired'],
  received: ['accepted', 'declined', 'cancelled', 'expired'],
  accepted: ['in_progress', 'completed', 'cancelled'],
  declined: [],
  in_progress: ['completed', 'cancelled'],
  completed: [],
  cancelled: [],
  expired: [],
};

/** Default response deadlines (days) per destination type, until a tenant sets its own. */
export const DEFAULT_DEADLINES = {
  internal_area: { responseDays: 7, remindDaysBefore: 2, followUpDays: 14 },
  public_body: { responseDays: 15, remindDaysBefore: 3, followUpDays: 21 },
  partner: { responseDays: 10, remindDaysBefore: 2, followUpDays: 14 },
} as const;

export interface HistoryItem {
  from: string | null;
  to: string;
  at: string;
  byUser: string | null;
  byKind: string;
  reasonCode: string | null;
  note: string | null;
}

export interface ReferralView {
  id: string;
  code: string;
  status: Status;
  statusAt: string;
  destination: {
    type: string;
    internalArea: string | null;
    publicBody: string | null;
    organizationId: string | null;
    serviceId: string | null;
  };
  urgency: string;
  sentAt: string | null;
  responseDueAt: string | null;
  respondedAt: string | null;
  declineReason: string | null;
  outcome: string | null;
  version: number;
  /** Only the fields shared, and only while the consent they rest on holds. */
  shared: Partial<Record<ShareableField, unknown>>;
  sharedFields: string[];
  sharingWithdrawn: boolean;
  history: HistoryItem[];
  /** Operator-only fields (absent for partners). */
  personId?: string;
  reason?: string;
  sendingOfficeId?: string;
  createdBy?: string;
  createdAt?: string;
  legalBasis?: string;
  consentId?: string | null;
  sourceOutcomeId?: string | null;
  sourceCaseId?: string | null;
  cancelReason?: string | null;
  escalatedAt?: string | null;
  followUp?: { dueAt: string | null; sentAt: string | null; answer: string | null; answeredAt: string | null };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** What a reader sees. A partner gets the shared fields and the status, never the file behind them. */
export function present(row: ReferralRow, history: HistoryItem[], forPartner: boolean): ReferralView {
  const withdrawn = !row.sharing_allowed;
  const data = (row.shared_data ?? {}) as Record<string, unknown>;
  const shared: Partial<Record<ShareableField, unknown>> = {};
  if (!withdrawn || !forPartner)
    for (const f of row.shared_fields)
      if (f in data && (SHAREABLE_FIELDS as readonly string[]).includes(f)) shared[f as ShareableField] = data[f];
  const base: ReferralView = {
    id: row.id,
    code: row.code,
    status: row.status as Status,
    statusAt: row.status_at.toISOString(),
    destination: {
      type: row.destination_type,
      internalArea: row.internal_area,
      publicBody: row.public_body,
      organizationId: row.organization_id,
      serviceId: row.service_id,
    },
    urgency: row.urgency,
    sentAt: iso(row.sent_at),
    responseDueAt: iso(row.response_due_at),
    respondedAt: iso(row.responded_at),
    declineReason: row.decline_reason,
    outcome: row.outcome,
    version: row.version,
    shared: forPartner && withdrawn ? {} : shared,
    sharedFields: forPartner && withdrawn ? [] : row.shared_fields,
    sharingWithdrawn: withdrawn,
    // Partners see who did what by kind only (no operator ids) and no notes written by the sender.
    history: forPartner
      ? history.map((h) => ({ ...h, byUser: null, note: h.byKind === 'partner' ? h.note : null }))
      : history,
  };
  if (forPartner) return base;
  return {
    ...base,
    personId: row.person_id,
    reason: row.reason,
    sendingOfficeId: row.sending_office_id,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    legalBasis: row.legal_basis,
    consentId: row.consent_id,
    sourceOutcomeId: row.source_outcome_id,
    sourceCaseId: row.source_case_id,
    cancelReason: row.cancel_reason,
    escalatedAt: iso(row.escalated_at),
    followUp: {
      dueAt: iso(row.follow_up_due_at),
      sentAt: iso(row.follow_up_sent_at),
      answer: row.follow_up_answer,
      answeredAt: iso(row.follow_up_answered_at),
    },
  };
}
