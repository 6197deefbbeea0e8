import { isUuid } from '../../platform/ids.ts';

/** The booking form as posted, every value a string (hidden fields carry earlier steps). */
export interface BookingForm {
  office: string;
  month: string;
  day: string;
  slot: string;
  topic: string;
  details: string;
  name: string;
  phone: string;
  email: string;
  language: string;
  privacy: string;
}

export const EMPTY_FORM: BookingForm = {
  office: '',
  month: '',
  day: '',
  slot: '',
  topic: '',
  details: '',
  name: '',
  phone: '',
  email: '',
  language: '',
  privacy: '',
};

export type BookingErrorKey =
  | 'office.required'
  | 'slot.required'
  | 'topic.required'
  | 'details.tooLong'
  | 'name.required'
  | 'name.tooLong'
  | 'contact.required'
  | 'email.invalid'
  | 'phone.invalid'
  | 'language.required'
  | 'privacy.required'
  | 'topic.doesNotFit';

export interface FieldError {
  field: keyof BookingForm;
  key: BookingErrorKey;
}

export const DETAILS_MAX = 200;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[0-9 ().-]{6,30}$/;

export function formFrom(body: Record<string, unknown> | undefined): BookingForm {
  const form = { ...EMPTY_FORM };
  for (const k of Object.keys(EMPTY_FORM) as (keyof BookingForm)[]) {
    const v = body?.[k];
    if (typeof v === 'string') form[k] = k === 'details' ? v.replace(/\r\n/g, '\n').trim() : v.trim();
  }
  return form;
}

export function checkOffice(f: BookingForm): FieldError[] {
  return isUuid(f.office) ? [] : [{ field: 'office', key: 'office.required' }];
}

export function checkSlot(f: BookingForm): FieldError[] {
  return Number.isNaN(Date.parse(f.slot)) || !/^\d{4}-\d{2}-\d{2}T/.test(f.slot)
    ? [{ field: 'slot', key: 'slot.required' }]
    : [];
}

export function checkDetails(f: BookingForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!f.topic) errors.push({ field: 'topic', key: 'topic.required' });
  if ([...f.details].length > DETAILS_MAX) errors.push({ field: 'details', key: 'details.tooLong' });
  return errors;
}

export function checkApplicant(f: BookingForm): FieldError[] {
  const errors: FieldError[] = [];
  if (!f.name) errors.push({ field: 'name', key: 'name.required' });
  else if (f.name.length > 120) errors.push({ field: 'name', key: 'name.tooLong' });
  if (!f.email && !f.phone) errors.push({ field: 'email', key: 'contact.required' });
  if (f.email && (f.email.length > 254 || !EMAIL.test(f.email))) errors.push({ field: 'email', key: 'email.invalid' });
  if (f.phone && !PHONE.test(f.phone)) errors.push({ field: 'phone', key: 'phone.invalid' });
  if (f.language !== 'it' && f.language !== 'en') errors.push({ field: 'language', key: 'language.required' });
  if (f.privacy !== 'yes') errors.push({ field: 'privacy', key: 'privacy.required' });
  return errors;
}

export const STEPS = ['office', 'when', 'details', 'applicant', 'summary', 'done'] as const;
export type Step = (typeof STEPS)[number];

/** The first step whose data is missing or wrong, with its errors; `summary` when everything is there. */
export function firstIncomplete(f: BookingForm): { step: Step; errors: FieldError[] } {
  const checks: [Step, (f: BookingForm) => FieldError[]][] = [
    ['office', checkOffice],
    ['when', checkSlot],
    ['details', checkDetails],
    ['applicant', checkApplicant],
  ];
  for (const [step, check] of checks) {
    const errors = check(f);
    if (errors.length > 0) return { step, errors };
  }
  return { step: 'summary', errors: [] };
}
