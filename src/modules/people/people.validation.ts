import type { PersonColumns } from './people.repository.ts';
import type { PersonInput } from './people.schema.ts';
import { checkTaxCode, compareWithDeclared, type Mismatch, placeName } from './taxcode.ts';

/** A field that cannot be saved as it is; `code` selects the message in the user's language. */
export interface FieldError {
  field: string;
  code:
    | 'required'
    | 'taxCodeFormat'
    | 'taxCodeChecksum'
    | 'taxCodeTaken'
    | 'birthDateInvalid'
    | 'birthDateFuture'
    | 'birthplaceUnknown'
    | 'municipalityUnknown'
    | 'emailInvalid'
    | 'phoneInvalid'
    | 'streetRequired'
    | 'contactImpossible';
}

export interface Prepared {
  columns: PersonColumns;
  identifiers: { kind: string; value: string; issuer: string | null; valid_until: string | null }[];
  errors: FieldError[];
  mismatches: Mismatch[];
}

const clean = (s: string | null | undefined): string | null => {
  const t = s?.trim().replace(/\s+/g, ' ');
  return t ? t : null;
};

/**
 * Phones are kept in one comparable form: "+39" and the digits. Italian numbers typed without a
 * prefix ("039 123 4567", "333 1234567") get +39; "0039…" becomes "+39…".
 */
export function normalisePhone(raw: string): string | null {
  const compact = raw.replace(/[\s./()-]/g, '');
  if (!/^(\+|00)?\d{6,15}$/.test(compact)) return null;
  if (compact.startsWith('+')) return compact;
  if (compact.startsWith('00')) return `+${compact.slice(2)}`;
  return `+39${compact}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Turns the input into columns and lists every problem at once, so a form can show them all.
 * Names keep their accents, apostrophes and several words exactly as typed (trimmed).
 */
export function preparePerson(input: PersonInput, today = new Date()): Prepared {
  const errors: FieldError[] = [];
  const givenNames = clean(input.givenNames);
  const familyNames = clean(input.familyNames);
  if (!givenNames) errors.push({ field: 'givenNames', code: 'required' });
  if (!familyNames) errors.push({ field: 'familyNames', code: 'required' });

  const bd = input.birthDate ?? {};
  const year = bd.year ?? null;
  const month = year !== null ? (bd.month ?? null) : null;
  const day = month !== null ? (bd.day ?? null) : null;
  if ((bd.month != null && year === null) || (bd.day != null && month === null)) {
    errors.push({ field: 'birthDate', code: 'birthDateInvalid' });
  } else if (year !== null && month !== null && day !== null && day > daysIn(year, month)) {
    errors.push({ field: 'birthDate', code: 'birthDateInvalid' });
  } else if (year !== null && year > today.getUTCFullYear()) {
    errors.push({ field: 'birthDate', code: 'birthDateFuture' });
  }

  const birthplaceCode = clean(input.birthplaceCode)?.toUpperCase() ?? null;
  const birthplaceName = birthplaceCode ? (placeName(birthplaceCode) ?? null) : null;
  if (birthplaceCode && !birthplaceName) errors.push({ field: 'birthplaceCode', code: 'birthplaceUnknown' });

  let taxCode: string | null = null;
  let mismatches: Mismatch[] = [];
  const rawTax = clean(input.taxCode);
  if (rawTax) {
    const checked = checkTaxCode(rawTax);
    if (checked.kind === 'invalid') {
      errors.push({ field: 'taxCode', code: checked.reason === 'checksum' ? 'taxCodeChecksum' : 'taxCodeFormat' });
    } else {
      taxCode = checked.code;
      if (checked.kind === 'personal') {
        mismatches = compareWithDeclared(checked.decoded, {
          sex: input.sex,
          birthYear: year,
          birthMonth: month,
          birthDay: day,
          birthplaceCode,
        });
      }
    }
  }

  const email = clean(input.email);
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.push({ field: 'email', code: 'emailInvalid' });
  const typedPhone = clean(input.phone);
  const phone = typedPhone ? normalisePhone(typedPhone) : null;
  if (typedPhone && !phone) errors.push({ field: 'phone', code: 'phoneInvalid' });
  const contactPreference = input.contactPreference ?? 'any';
  if ((contactPreference === 'phone' && !phone) || (contactPreference === 'email' && !email)) {
    errors.push({ field: 'contactPreference', code: 'contactImpossible' });
  }

  const address = input.address ?? { kind: 'unknown' as const };
  const housed = address.kind === 'residence' || address.kind === 'domicile' || address.kind === 'fictitious';
  const street = housed ? clean(address.street) : null;
  const municipalityCode = housed ? (clean(address.municipalityCode)?.toUpperCase() ?? null) : null;
  const municipalityName = municipalityCode ? (placeName(municipalityCode) ?? null) : null;
  if ((address.kind === 'residence' || address.kind === 'domicile') && !street) {
    errors.push({ field: 'address.street', code: 'streetRequired' });
  }
  if (municipalityCode && !municipalityName)
    errors.push({ field: 'address.municipalityCode', code: 'municipalityUnknown' });

  return {
    columns: {
      given_names: givenNames ?? '',
      family_names: familyNames ?? '',
      sex: input.sex ?? null,
      birth_year: year,
      birth_month: month,
      birth_day: day,
      birthplace_code: birthplaceCode,
      birthplace_name: birthplaceName,
      citizenships: [...new Set(input.citizenships ?? [])],
      tax_code: taxCode,
      tax_code_mismatch_reason: mismatches.length ? clean(input.taxCodeMismatchReason) : null,
      languages: [...new Set(input.languages ?? [])],
      interpreter_needed: input.interpreterNeeded ?? false,
      phone,
      email,
      contact_preference: contactPreference,
      address_kind: address.kind,
      street,
      house_number: housed ? clean(address.houseNumber) : null,
      postcode: housed ? clean(address.postcode) : null,
      municipality_code: municipalityCode,
      municipality_name: municipalityName,
      neighbourhood_id: null,
      office_id: null,
      confidential: input.confidential ?? false,
    },
    identifiers: (input.identifiers ?? [])
      .map((i) => ({
        kind: i.kind,
        value: i.value.trim().toUpperCase(),
        issuer: clean(i.issuer),
        valid_until: i.validUntil ?? null,
      }))
      .filter((i) => i.value !== ''),
    errors,
    mismatches,
  };
}
