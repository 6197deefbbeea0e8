import { Type } from 'typebox';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Code = (pattern: string, description: string) => Type.String({ pattern, description });

export const PartialDate = Type.Object(
  {
    year: Type.Optional(Nullable(Type.Integer({ minimum: 1880, maximum: 2200 }))),
    month: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 12 }))),
    day: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 31 }))),
  },
  { description: 'A birth date that may be partial: year only, year and month, or unknown' },
);

export const IDENTIFIER_KINDS = [
  'passport',
  'residence_permit',
  'identity_card',
  'stp',
  'eni',
  'provisional_code',
  'other',
] as const;
export const CONTACT_PREFERENCES = ['any', 'phone', 'email', 'post', 'in_person', 'do_not_contact'] as const;
export const ADDRESS_KINDS = ['residence', 'domicile', 'no_fixed_abode', 'fictitious', 'unknown'] as const;

export const IdentifierInput = Type.Object({
  kind: Type.Enum(IDENTIFIER_KINDS),
  value: Type.String({ minLength: 1, maxLength: 64 }),
  issuer: Type.Optional(Nullable(Type.String({ maxLength: 120 }))),
  validUntil: Type.Optional(Nullable(Type.String({ format: 'date' }))),
});

export const AddressInput = Type.Object({
  kind: Type.Enum(ADDRESS_KINDS, {
    description: 'no_fixed_abode and fictitious (the registry address given to homeless people) need no street',
  }),
  street: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  houseNumber: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  postcode: Type.Optional(Nullable(Type.String({ maxLength: 10 }))),
  municipalityCode: Type.Optional(Nullable(Code('^[A-Z][0-9]{3}$', 'Belfiore code of the municipality'))),
});

export const PersonInput = Type.Object(
  {
    givenNames: Type.String({ minLength: 1, maxLength: 200 }),
    familyNames: Type.String({ minLength: 1, maxLength: 200 }),
    sex: Type.Optional(Nullable(Type.Union([Type.Literal('F'), Type.Literal('M')]))),
    birthDate: Type.Optional(Nullable(PartialDate)),
    birthplaceCode: Type.Optional(
      Nullable(
        Code('^[A-Z][0-9]{3}$', 'Belfiore code: Italian municipality (also historical) or foreign country (Z…)'),
      ),
    ),
    citizenships: Type.Optional(
      Type.Array(Code('^[A-Z]{2}$', 'ISO 3166-1 alpha-2; XX = stateless or unknown'), { maxItems: 5 }),
    ),
    taxCode: Type.Optional(
      Nullable(Type.String({ maxLength: 20, description: 'Codice fiscale, or an 11-digit provisional code' })),
    ),
    taxCodeMismatchReason: Type.Optional(
      Nullable(
        Type.String({
          maxLength: 500,
          description: 'Required when the tax code disagrees with sex, birth date or birthplace',
        }),
      ),
    ),
    identifiers: Type.Optional(Type.Array(IdentifierInput, { maxItems: 10 })),
    languages: Type.Optional(Type.Array(Code('^[a-z]{2}$', 'ISO 639-1'), { maxItems: 10 })),
    interpreterNeeded: Type.Optional(Type.Boolean()),
    phone: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
    email: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    contactPreference: Type.Optional(Type.Enum(CONTACT_PREFERENCES)),
    address: Type.Optional(Nullable(AddressInput)),
    confidential: Type.Optional(Type.Boolean()),
  },
  { $id: 'PersonInput' },
);
export type PersonInput = Type.Static<typeof PersonInput>;

export const CreatePersonBody = Type.Intersect([
  PersonInput,
  Type.Object({
    acknowledgedDuplicates: Type.Optional(
      Type.Array(Type.String({ format: 'uuid' }), {
        description: 'Ids of proposed duplicates the operator checked and found to be other people',
      }),
    ),
  }),
]);
export type CreatePersonBody = Type.Static<typeof CreatePersonBody>;

export const UpdatePersonBody = Type.Intersect([PersonInput, Type.Object({ version: Type.Integer({ minimum: 1 }) })]);
export type UpdatePersonBody = Type.Static<typeof UpdatePersonBody>;

const Str = Type.String();
const NStr = Nullable(Type.String());
const NInt = Nullable(Type.Integer());

/** A person as the operator API returns it (the presenter in people.service.ts builds it). */
export const PersonView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    version: Type.Integer({ description: 'Send it back on update; a stale version is refused' }),
    givenNames: Str,
    familyNames: Str,
    sex: Nullable(Type.Union([Type.Literal('F'), Type.Literal('M')])),
    birthDate: Type.Object({ year: NInt, month: NInt, day: NInt }),
    birthplace: Nullable(Type.Object({ code: Str, name: NStr })),
    citizenships: Type.Array(Str),
    taxCode: NStr,
    taxCodeMismatchReason: NStr,
    identifiers: Type.Array(Type.Object({ kind: Str, value: Str, issuer: NStr, validUntil: NStr })),
    languages: Type.Array(Str),
    interpreterNeeded: Type.Boolean(),
    phone: Nullable(Type.String({ description: 'Normalised: +39… for Italian numbers' })),
    email: NStr,
    contactPreference: Type.Enum(CONTACT_PREFERENCES),
    address: Type.Object({
      kind: Type.Enum(ADDRESS_KINDS),
      street: NStr,
      houseNumber: NStr,
      postcode: NStr,
      municipalityCode: NStr,
      municipalityName: NStr,
    }),
    neighbourhood: Nullable(Type.Object({ id: Str, name: Str })),
    office: Nullable(Type.Object({ id: Str, name: Str }, { description: 'Competent office, from the street mapping' })),
    confidential: Type.Boolean(),
    mergedInto: Nullable(Type.String({ description: 'Set when this record was merged into another' })),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'Person' },
);
