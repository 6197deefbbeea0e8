import { startOfRomeDay } from '../../platform/time.ts';
import {
  CONSENT_PURPOSES,
  type ConsentPurpose,
  NOTICE_CHANNELS,
  NOTICE_VERSION_PATTERN,
  type NoticeChannel,
  SCOPE_MAX,
} from './privacy.schema.ts';

/** A field that cannot be saved as it is; `code` picks the message (privacy.messages.ts, `error.<code>`). */
export interface PrivacyFieldError {
  field: string;
  code:
    | 'required'
    | 'dateInvalid'
    | 'dateFuture'
    | 'versionInvalid'
    | 'channelInvalid'
    | 'purposeInvalid'
    | 'tooLong'
    | 'expiryBeforeGiven'
    | 'revokedBeforeGiven'
    | 'notAWorker'
    | 'lastAssignee';
}

/** What a form or the API sends: plain strings, checked here (pages send every field as text). */
export interface NoticeFields {
  acknowledgedOn?: string | null | undefined;
  noticeVersion?: string | null | undefined;
  channel?: string | null | undefined;
}
export interface ConsentFields {
  purpose?: string | null | undefined;
  scope?: string | null | undefined;
  givenOn?: string | null | undefined;
  expiresOn?: string | null | undefined;
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/**
 * A calendar day as YYYY-MM-DD. Date inputs send ISO; where a browser falls back to a text box,
 * people type 31/01/2026 or 31-1-2026, so that is accepted too. Null when it is not a real date.
 */
export function parseDay(text: string): string | null {
  const t = text.trim();
  const it = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = it ? `${it[3]}-${it[2]?.padStart(2, '0')}-${it[1]?.padStart(2, '0')}` : t;
  return startOfRomeDay(iso) ? iso : null;
}

/** A day that defaults to today and cannot be in the future. */
function pastDay(
  errors: PrivacyFieldError[],
  field: string,
  value: string | null | undefined,
  today: string,
): string | null {
  if (blank(value)) return today;
  const day = parseDay(value ?? '');
  if (!day) errors.push({ field, code: 'dateInvalid' });
  else if (day > today) errors.push({ field, code: 'dateFuture' });
  return day;
}

export function checkNotice(input: NoticeFields, today: string) {
  const errors: PrivacyFieldError[] = [];
  const acknowledgedOn = pastDay(errors, 'acknowledgedOn', input.acknowledgedOn, today);
  const noticeVersion = input.noticeVersion?.trim() ?? '';
  if (!noticeVersion) errors.push({ field: 'noticeVersion', code: 'required' });
  else if (!new RegExp(NOTICE_VERSION_PATTERN).test(noticeVersion))
    errors.push({ field: 'noticeVersion', code: 'versionInvalid' });
  const channel = (NOTICE_CHANNELS as readonly string[]).includes(input.channel ?? '')
    ? (input.channel as NoticeChannel)
    : null;
  if (!channel) errors.push({ field: 'channel', code: blank(input.channel) ? 'required' : 'channelInvalid' });
  if (errors.length || !acknowledgedOn || !channel) return { ok: false as const, errors };
  return { ok: true as const, value: { acknowledgedOn, noticeVersion, channel } };
}

/** Purposes whose scope must say something: the partner named, or what exactly was allowed. */
const SCOPE_REQUIRED: readonly ConsentPurpose[] = ['share_with_partner', 'other'];

export function checkConsent(input: ConsentFields, today: string) {
  const errors: PrivacyFieldError[] = [];
  const purpose = (CONSENT_PURPOSES as readonly string[]).includes(input.purpose ?? '')
    ? (input.purpose as ConsentPurpose)
    : null;
  if (!purpose) errors.push({ field: 'purpose', code: blank(input.purpose) ? 'required' : 'purposeInvalid' });
  const scope = (input.scope ?? '').trim().replace(/\s+/g, ' ');
  if (scope.length > SCOPE_MAX) errors.push({ field: 'scope', code: 'tooLong' });
  else if (!scope && purpose && SCOPE_REQUIRED.includes(purpose)) errors.push({ field: 'scope', code: 'required' });
  const givenOn = pastDay(errors, 'givenOn', input.givenOn, today);
  let expiresOn: string | null = null;
  if (!blank(input.expiresOn)) {
    expiresOn = parseDay(input.expiresOn ?? '');
    if (!expiresOn) errors.push({ field: 'expiresOn', code: 'dateInvalid' });
    else if (givenOn && expiresOn < givenOn) errors.push({ field: 'expiresOn', code: 'expiryBeforeGiven' });
  }
  if (errors.length || !purpose || !givenOn) return { ok: false as const, errors };
  return { ok: true as const, value: { purpose, scope, givenOn, expiresOn } };
}

export function checkRevocation(revokedOn: string | null | undefined, givenOn: string, today: string) {
  const errors: PrivacyFieldError[] = [];
  const day = pastDay(errors, 'revokedOn', revokedOn, today);
  if (day && day < givenOn) errors.push({ field: 'revokedOn', code: 'revokedBeforeGiven' });
  if (errors.length || !day) return { ok: false as const, errors };
  return { ok: true as const, value: day };
}
