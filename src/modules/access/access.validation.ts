/** The closed lists of the access register (mirroring the CHECK constraints of 0003) and input checks. */
export const CHANNELS = ['walk_in', 'phone', 'email', 'online_request', 'outreach', 'sent_by_service'] as const;
export const PRESENTED_BY = ['person', 'relative', 'third_party'] as const;
export const REFERRERS = [
  'self',
  'family',
  'school',
  'gp',
  'hospital',
  'police',
  'court',
  'municipal_service',
  'third_sector',
  'other',
] as const;
export const URGENCIES = ['immediate', 'within_days', 'ordinary'] as const;
export const MANDATED_BY = ['none', 'court', 'police', 'school', 'other_authority'] as const;
export const BARRIERS = ['language', 'documents', 'digital', 'physical', 'opening_hours'] as const;
export const DOCUMENTS = [
  'isee',
  'identity_document',
  'residence_permit',
  'residence_certificate',
  'income_documents',
  'rental_contract',
  'medical_certificate',
  'other',
] as const;
export const SEXES = ['F', 'M'] as const;
export const AGE_BANDS = ['0-17', '18-34', '35-64', '65-79', '80+'] as const;
export const STATUSES = ['waiting', 'in_interview', 'open', 'closed'] as const;

export type Channel = (typeof CHANNELS)[number];
export type Urgency = (typeof URGENCIES)[number];

export const MAX_REASON = 2000;
export const MAX_PERSONS = 20;
export const MAX_REQUESTS = 20;
/** A registration may be back-dated (a phone call noted later) but not dated in the future. */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;

export interface RegisterAccessInput {
  officeId?: string;
  occurredAt?: string | Date;
  channel: Channel;
  presentedBy: (typeof PRESENTED_BY)[number];
  referrer: (typeof REFERRERS)[number];
  /** Person ids of the tenant; empty for a contact about nobody in particular. */
  persons?: string[];
  /** Information-only contact: one anonymous person, optionally with sex and age band. */
  anonymous?: { sex?: (typeof SEXES)[number]; ageBand?: (typeof AGE_BANDS)[number] };
  requests: { needAreaId: string; reason: string }[];
  urgency?: Urgency;
  urgencyReason?: string;
  prontoIntervento?: boolean;
  documentsDemanded?: string[];
  conditionsImposed?: string;
  barriers?: string[];
  mandatedBy?: (typeof MANDATED_BY)[number];
}

export interface FieldError {
  field: string;
  code: string;
}

const oneOf = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** Checks that need no database: shapes, closed lists, triage. */
export function validateAccessInput(input: RegisterAccessInput, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, code: string) => errors.push({ field, code });
  if (!oneOf(CHANNELS, input.channel)) err('channel', 'invalid');
  if (!oneOf(PRESENTED_BY, input.presentedBy)) err('presentedBy', 'invalid');
  if (!oneOf(REFERRERS, input.referrer)) err('referrer', 'invalid');
  if (input.occurredAt !== undefined) {
    const at = new Date(input.occurredAt);
    if (Number.isNaN(at.getTime())) err('occurredAt', 'invalid');
    else if (at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS) err('occurredAt', 'in-future');
  }
  const persons = input.persons ?? [];
  if (persons.length > MAX_PERSONS) err('persons', 'too-many');
  if (new Set(persons).size !== persons.length) err('persons', 'duplicate');
  if (input.anonymous && persons.length > 0) err('anonymous', 'with-named-persons');
  if (input.anonymous?.sex !== undefined && !oneOf(SEXES, input.anonymous.sex)) err('anonymous.sex', 'invalid');
  if (input.anonymous?.ageBand !== undefined && !oneOf(AGE_BANDS, input.anonymous.ageBand))
    err('anonymous.ageBand', 'invalid');
  if (!input.requests || input.requests.length === 0) err('requests', 'required');
  else if (input.requests.length > MAX_REQUESTS) err('requests', 'too-many');
  input.requests?.forEach((r, i) => {
    const reason = r.reason?.trim() ?? '';
    if (!reason) err(`requests.${i}.reason`, 'required');
    else if (reason.length > MAX_REASON) err(`requests.${i}.reason`, 'too-long');
  });
  const urgency = input.urgency ?? 'ordinary';
  if (!oneOf(URGENCIES, urgency)) err('urgency', 'invalid');
  else if (urgency !== 'ordinary' && !input.urgencyReason?.trim()) err('urgencyReason', 'required');
  if (input.urgencyReason && input.urgencyReason.length > MAX_REASON) err('urgencyReason', 'too-long');
  if (input.prontoIntervento && urgency === 'ordinary') err('urgency', 'pronto-intervento-not-ordinary');
  (input.documentsDemanded ?? []).forEach((d, i) => {
    if (!oneOf(DOCUMENTS, d)) err(`documentsDemanded.${i}`, 'invalid');
  });
  (input.barriers ?? []).forEach((b, i) => {
    if (!oneOf(BARRIERS, b)) err(`barriers.${i}`, 'invalid');
  });
  if (input.mandatedBy !== undefined && !oneOf(MANDATED_BY, input.mandatedBy)) err('mandatedBy', 'invalid');
  if (input.conditionsImposed && input.conditionsImposed.length > MAX_REASON) err('conditionsImposed', 'too-long');
  return errors;
}

const URGENCY_RANK: Record<string, number> = { immediate: 0, within_days: 1, ordinary: 2 };
/** The more urgent of two triage levels (attaching a request never lowers an access's urgency). */
export const moreUrgent = (a: string, b: string): string => ((URGENCY_RANK[b] ?? 2) < (URGENCY_RANK[a] ?? 2) ? b : a);
export const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];
