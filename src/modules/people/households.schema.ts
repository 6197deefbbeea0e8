import { Type } from 'typebox';

/** Relationship to the household's reference person, as on the ISEE declaration (DSU). */
export const RELATIONSHIPS = [
  'reference',
  'spouse',
  'partner',
  'child',
  'parent',
  'sibling',
  'grandchild',
  'grandparent',
  'other_relative',
  'other',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];
export const MEMBER_RELATIONSHIPS = RELATIONSHIPS.filter((r) => r !== 'reference');
export const LINK_KINDS = ['cohabitant', 'carer', 'relative_elsewhere', 'other'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface MemberView {
  personId: string;
  name: string;
  birthYear: number | null;
  confidential: boolean;
  relationship: Relationship;
  joinedOn: string;
  leftOn: string | null;
}

export interface Household {
  id: string;
  createdAt: string;
  referencePersonId: string | null;
  members: MemberView[];
  formerMembers: MemberView[];
}

export interface LinkView {
  id: string;
  personId: string;
  name: string;
  birthYear: number | null;
  confidential: boolean;
  kind: LinkKind;
  since: string | null;
  until: string | null;
}

export interface HouseholdOf {
  personId: string;
  household: Household | null;
  /** The person's own memberships that ended (in this or earlier households). */
  pastMemberships: (MemberView & { householdId: string })[];
  links: LinkView[];
  formerLinks: LinkView[];
}

export type HouseholdError = {
  field: 'personId' | 'otherPersonId' | 'relationship' | 'joinedOn' | 'leftOn' | 'since' | 'until' | 'kind';
  code: 'invalid' | 'dateInvalid' | 'dateFuture' | 'leftBeforeJoined' | 'samePerson';
};

export type HouseholdWrite =
  | { kind: 'done'; household: Household }
  | { kind: 'invalid'; errors: HouseholdError[] }
  /** The person is already in a household (a person belongs to at most one at a time). */
  | { kind: 'already-member'; householdId: string | null }
  | { kind: 'not-member' }
  /** The reference person leaves only after another member has become the reference. */
  | { kind: 'reference-must-change-first' };

// API schemas (OpenAPI). Dates are calendar days, YYYY-MM-DD, in Rome; an omitted date means today.
const Day = (description: string) => Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

const MemberSchema = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  birthYear: Nullable(Type.Integer()),
  confidential: Type.Boolean(),
  relationship: Type.Enum(RELATIONSHIPS, { description: 'Relationship to the reference person' }),
  joinedOn: Type.String({ format: 'date' }),
  leftOn: Nullable(Type.String({ format: 'date' })),
});

export const HouseholdSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    createdAt: Type.String({ format: 'date-time' }),
    referencePersonId: Nullable(Type.String({ format: 'uuid' })),
    members: Type.Array(MemberSchema, { description: 'Current members, the reference person first' }),
    formerMembers: Type.Array(MemberSchema, { description: 'Members who left: history is kept' }),
  },
  { $id: 'Household', description: 'The ISEE household (nucleo familiare)' },
);

const LinkSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  birthYear: Nullable(Type.Integer()),
  confidential: Type.Boolean(),
  kind: Type.Enum(LINK_KINDS),
  since: Nullable(Type.String({ format: 'date' })),
  until: Nullable(Type.String({ format: 'date' })),
});

export const HouseholdOfSchema = Type.Object(
  {
    personId: Type.String({ format: 'uuid' }),
    household: Nullable(Type.Ref('Household')),
    pastMemberships: Type.Array(Type.Intersect([MemberSchema, Type.Object({ householdId: Type.String() })])),
    links: Type.Array(LinkSchema, { description: 'People living with this person outside the household' }),
    formerLinks: Type.Array(LinkSchema),
  },
  { $id: 'HouseholdOf' },
);

export const CreateHouseholdBody = Type.Object({
  referencePersonId: Type.String({ format: 'uuid', description: 'The reference person (intestatario)' }),
  joinedOn: Type.Optional(Day('Since when; default today')),
});
export type CreateHouseholdBody = Type.Static<typeof CreateHouseholdBody>;

export const AddMemberBody = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  relationship: Type.Enum(MEMBER_RELATIONSHIPS, { description: 'Relationship to the reference person' }),
  joinedOn: Type.Optional(Day('Since when; default today')),
});
export type AddMemberBody = Type.Static<typeof AddMemberBody>;

export const LeaveQuery = Type.Object({ leftOn: Type.Optional(Day('Left on; default today')) });
