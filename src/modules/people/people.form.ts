import { Type } from 'typebox';
import { isUuid } from '../../platform/ids.ts';
import { startOfRomeDay } from '../../platform/time.ts';
import type { PeopleMessage } from './people.messages.ts';
import {
  ADDRESS_KINDS,
  CONTACT_PREFERENCES,
  type CreatePersonBody,
  IDENTIFIER_KINDS,
  type PersonInput,
} from './people.schema.ts';
import type { FieldError, Person } from './people.service.ts';
import { preparePerson } from './people.validation.ts';

/**
 * The person form as the browser posts it: flat strings (identifier rows as parallel lists). Lengths
 * match the inputs' maxlength, so only a tampered request meets the schema's refusal.
 */
const S = (maxLength: number) => Type.Optional(Type.String({ maxLength }));
const L = (maxLength: number) => Type.Optional(Type.Array(Type.String({ maxLength }), { maxItems: 10 }));
export const PersonFormBody = Type.Object({
  givenNames: S(200),
  familyNames: S(200),
  sex: S(1),
  birthDay: S(4),
  birthMonth: S(4),
  birthYear: S(6),
  birthplaceCode: S(10),
  citizenships: S(100),
  taxCode: S(30),
  taxCodeMismatchReason: S(500),
  identifierKind: L(30),
  identifierValue: L(64),
  identifierIssuer: L(120),
  identifierValidUntil: L(10),
  languages: S(100),
  interpreterNeeded: S(5),
  phone: S(40),
  email: S(200),
  contactPreference: S(20),
  addressKind: S(20),
  street: S(200),
  houseNumber: S(20),
  postcode: S(10),
  municipalityCode: S(10),
  confidential: S(5),
  acknowledgedDuplicates: L(40),
  version: S(10),
  /** The person whose household the new person is being registered for (a UUID, not personal data). */
  per: S(40),
  _csrf: S(200),
});
export type PersonForm = Type.Static<typeof PersonFormBody>;

/** A field problem on the page: the service's codes plus those only the form can meet. */
export interface PageFieldError {
  field: string;
  code: FieldError['code'] | 'citizenshipInvalid' | 'languageInvalid' | 'identifierInvalid' | 'taxCodeMismatchReason';
}

export const errorMessage = (code: PageFieldError['code']): PeopleMessage => `err.${code}`;

/** The id of the input a field error points to, for the error summary's links and aria-describedby. */
export function inputIdOf(field: string): string {
  const ids: Record<string, string> = {
    birthDate: 'birthDay',
    'address.street': 'street',
    'address.municipalityCode': 'municipalityCode',
    'address.kind': 'addressKind',
    identifiers: 'identifierKind-0',
    sex: 'sex-F',
  };
  return ids[field] ?? field;
}

/** The label an error summary names a field by ("Cognome o cognomi: campo obbligatorio."). */
export function labelOf(field: string): PeopleMessage {
  const labels: Record<string, PeopleMessage> = {
    birthDate: 'field.birthDate',
    identifiers: 'field.identifierValue',
    'address.street': 'field.street',
    'address.municipalityCode': 'field.municipalityCode',
    'address.kind': 'field.addressKind',
  };
  return labels[field] ?? (`field.${field}` as PeopleMessage);
}

const text = (v: string | undefined) => {
  const t = v?.trim();
  return t ? t : null;
};
const codes = (v: string | undefined) =>
  (v ?? '')
    .split(/[,;\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

function datePart(v: string | undefined, min: number, max: number): number | null | 'bad' {
  const t = v?.trim();
  if (!t) return null;
  if (!/^\d{1,4}$/.test(t)) return 'bad';
  const n = Number(t);
  return n >= min && n <= max ? n : 'bad';
}

const oneOf = <T extends string>(list: readonly T[], v: string | undefined): T | undefined => list.find((x) => x === v);

/**
 * Turns the posted form into the service's input. Problems only the form can have (a word where a
 * number goes, a malformed code list) are returned together with the service's own checks, so the
 * operator sees every problem at once.
 */
export function readPersonForm(
  form: PersonForm,
  today = new Date(),
): { input: CreatePersonBody; errors: PageFieldError[] } {
  const errors: PageFieldError[] = [];
  const day = datePart(form.birthDay, 1, 31);
  const month = datePart(form.birthMonth, 1, 12);
  const year = datePart(form.birthYear, 1880, today.getUTCFullYear());
  if (day === 'bad' || month === 'bad' || year === 'bad') errors.push({ field: 'birthDate', code: 'birthDateInvalid' });

  const citizenships = codes(form.citizenships).map((c) => c.toUpperCase());
  if (citizenships.some((c) => !/^[A-Z]{2}$/.test(c)) || citizenships.length > 5)
    errors.push({ field: 'citizenships', code: 'citizenshipInvalid' });
  const languages = codes(form.languages).map((c) => c.toLowerCase());
  if (languages.some((c) => !/^[a-z]{2}$/.test(c)) || languages.length > 10)
    errors.push({ field: 'languages', code: 'languageInvalid' });

  const identifiers: NonNullable<PersonInput['identifiers']> = [];
  (form.identifierValue ?? []).forEach((raw, i) => {
    const value = raw.trim();
    if (!value) return;
    const kind = oneOf(IDENTIFIER_KINDS, form.identifierKind?.[i]);
    const validUntil = text(form.identifierValidUntil?.[i]);
    if (!kind || (validUntil && !startOfRomeDay(validUntil))) {
      errors.push({ field: 'identifiers', code: 'identifierInvalid' });
      return;
    }
    identifiers.push({ kind, value, issuer: text(form.identifierIssuer?.[i]), validUntil });
  });

  const input: CreatePersonBody = {
    givenNames: form.givenNames ?? '',
    familyNames: form.familyNames ?? '',
    sex: oneOf(['F', 'M'] as const, form.sex) ?? null,
    birthDate: {
      year: typeof year === 'number' ? year : null,
      month: typeof month === 'number' ? month : null,
      day: typeof day === 'number' ? day : null,
    },
    birthplaceCode: text(form.birthplaceCode),
    citizenships: errors.some((e) => e.field === 'citizenships') ? [] : citizenships,
    taxCode: text(form.taxCode),
    taxCodeMismatchReason: text(form.taxCodeMismatchReason),
    identifiers,
    languages: errors.some((e) => e.field === 'languages') ? [] : languages,
    interpreterNeeded: form.interpreterNeeded === 'on',
    phone: text(form.phone),
    email: text(form.email),
    contactPreference: oneOf(CONTACT_PREFERENCES, form.contactPreference) ?? 'any',
    address: {
      kind: oneOf(ADDRESS_KINDS, form.addressKind) ?? 'unknown',
      street: text(form.street),
      houseNumber: text(form.houseNumber),
      postcode: text(form.postcode),
      municipalityCode: text(form.municipalityCode),
    },
    confidential: form.confidential === 'on',
    acknowledgedDuplicates: (form.acknowledgedDuplicates ?? []).filter(isUuid),
  };
  if (errors.length > 0) {
    // Also run the pure checks, so the form lists every problem in one go.
    const serviceErrors = preparePerson(input).errors.filter((e) => !errors.some((x) => x.field === e.field));
    errors.push(...serviceErrors);
  }
  return { input, errors: dedupe(errors) };
}

function dedupe(errors: PageFieldError[]): PageFieldError[] {
  const byField = new Map<string, PageFieldError>();
  for (const e of errors) if (!byField.has(e.field)) byField.set(e.field, e);
  return [...byField.values()];
}

/** The form filled with a person's saved data, for editing. */
export function formOf(p: Person): PersonForm {
  const s = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return {
    givenNames: p.givenNames,
    familyNames: p.familyNames,
    sex: s(p.sex),
    birthDay: s(p.birthDate.day),
    birthMonth: s(p.birthDate.month),
    birthYear: s(p.birthDate.year),
    birthplaceCode: s(p.birthplace?.code),
    citizenships: p.citizenships.join(', '),
    taxCode: s(p.taxCode),
    taxCodeMismatchReason: s(p.taxCodeMismatchReason),
    identifierKind: p.identifiers.map((i) => i.kind),
    identifierValue: p.identifiers.map((i) => i.value),
    identifierIssuer: p.identifiers.map((i) => s(i.issuer)),
    identifierValidUntil: p.identifiers.map((i) => s(i.validUntil)),
    languages: p.languages.join(', '),
    interpreterNeeded: p.interpreterNeeded ? 'on' : '',
    phone: s(p.phone),
    email: s(p.email),
    contactPreference: p.contactPreference,
    addressKind: p.address.kind,
    street: s(p.address.street),
    houseNumber: s(p.address.houseNumber),
    postcode: s(p.address.postcode),
    municipalityCode: s(p.address.municipalityCode),
    confidential: p.confidential ? 'on' : '',
    version: String(p.version),
  };
}

/** Fields compared when an edit meets a newer version; each with the label it shows under. */
export const COMPARED: { key: keyof PersonForm; label: PeopleMessage }[] = [
  { key: 'givenNames', label: 'field.givenNames' },
  { key: 'familyNames', label: 'field.familyNames' },
  { key: 'sex', label: 'field.sex' },
  { key: 'birthDay', label: 'field.birthDay' },
  { key: 'birthMonth', label: 'field.birthMonth' },
  { key: 'birthYear', label: 'field.birthYear' },
  { key: 'birthplaceCode', label: 'field.birthplaceCode' },
  { key: 'citizenships', label: 'field.citizenships' },
  { key: 'taxCode', label: 'field.taxCode' },
  { key: 'languages', label: 'field.languages' },
  { key: 'interpreterNeeded', label: 'field.interpreterNeeded' },
  { key: 'phone', label: 'field.phone' },
  { key: 'email', label: 'field.email' },
  { key: 'contactPreference', label: 'field.contactPreference' },
  { key: 'addressKind', label: 'field.addressKind' },
  { key: 'street', label: 'field.street' },
  { key: 'houseNumber', label: 'field.houseNumber' },
  { key: 'postcode', label: 'field.postcode' },
  { key: 'municipalityCode', label: 'field.municipalityCode' },
  { key: 'confidential', label: 'field.confidential' },
];

/** Where the saved person and the typed form differ (values normalised as the form shows them). */
export function differences(current: PersonForm, typed: PersonForm) {
  const norm = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
  return COMPARED.filter(({ key }) => norm(current[key]).toUpperCase() !== norm(typed[key]).toUpperCase()).map(
    ({ key, label }) => ({ key, label, current: norm(current[key]), typed: norm(typed[key]) }),
  );
}

export const perParam = (v: string | undefined) => (v && isUuid(v) ? v : undefined);
