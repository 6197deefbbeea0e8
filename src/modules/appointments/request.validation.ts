/** The request-for-assistance form as posted, every value a string. */
export interface RequestForm {
  firstName: string;
  lastName: string;
  email: string;
  service: string;
  message: string;
  privacy: string;
}

export const EMPTY_REQUEST: RequestForm = {
  firstName: '',
  lastName: '',
  email: '',
  service: '',
  message: '',
  privacy: '',
};

export const MESSAGE_MAX = 600;
export const NAME_MAX = 80;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export type RequestErrorKey =
  | 'firstName.required'
  | 'firstName.tooLong'
  | 'lastName.required'
  | 'lastName.tooLong'
  | 'email.invalid'
  | 'service.required'
  | 'message.required'
  | 'message.tooLong'
  | 'privacy.required';

export interface RequestFieldError {
  field: keyof RequestForm;
  key: RequestErrorKey;
}

export function requestFormFrom(body: Record<string, unknown> | undefined): RequestForm {
  const form = { ...EMPTY_REQUEST };
  for (const k of Object.keys(EMPTY_REQUEST) as (keyof RequestForm)[]) {
    const v = body?.[k];
    if (typeof v === 'string') form[k] = k === 'message' ? v.replace(/\r\n/g, '\n').trim() : v.trim();
  }
  return form;
}

/** Shape checks (the service also checks the service code against the tenant's services). */
export function checkRequest(form: RequestForm): RequestFieldError[] {
  const errors: RequestFieldError[] = [];
  const len = (s: string) => [...s].length;
  if (!form.firstName) errors.push({ field: 'firstName', key: 'firstName.required' });
  else if (len(form.firstName) > NAME_MAX) errors.push({ field: 'firstName', key: 'firstName.tooLong' });
  if (!form.lastName) errors.push({ field: 'lastName', key: 'lastName.required' });
  else if (len(form.lastName) > NAME_MAX) errors.push({ field: 'lastName', key: 'lastName.tooLong' });
  if (!EMAIL.test(form.email) || form.email.length > 254) errors.push({ field: 'email', key: 'email.invalid' });
  if (!form.service) errors.push({ field: 'service', key: 'service.required' });
  if (!form.message) errors.push({ field: 'message', key: 'message.required' });
  else if (len(form.message) > MESSAGE_MAX) errors.push({ field: 'message', key: 'message.tooLong' });
  if (form.privacy !== 'yes') errors.push({ field: 'privacy', key: 'privacy.required' });
  return errors;
}
