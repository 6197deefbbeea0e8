import { Type } from 'typebox';
import {
  CAPACITY,
  DECLINE_REASONS,
  DESTINATION_TYPES,
  INTERNAL_AREAS,
  LEGAL_BASES,
  OUTCOMES,
  PUBLIC_BODIES,
  SHAREABLE_FIELDS,
  STATUSES,
  URGENCIES,
} from './referrals.model.ts';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Uuid = Type.String({ format: 'uuid' });
const Time = Type.String({ format: 'date-time' });

export const CreateReferralBody = Type.Object(
  {
    personId: Uuid,
    officeId: Type.Optional(Uuid),
    sourceOutcomeId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: 'A referral outcome of an access' })),
    ),
    sourceCaseId: Type.Optional(Nullable(Uuid)),
    destinationType: Type.Enum(DESTINATION_TYPES),
    internalArea: Type.Optional(Nullable(Type.Enum(INTERNAL_AREAS))),
    publicBody: Type.Optional(Nullable(Type.Enum(PUBLIC_BODIES))),
    organizationId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'A directory organization' }))),
    serviceId: Type.Optional(Nullable(Type.String({ format: 'uuid', description: 'A directory service, when known' }))),
    reason: Type.String({ minLength: 1, maxLength: 4000 }),
    urgency: Type.Optional(Type.Enum(URGENCIES)),
    legalBasis: Type.Enum(LEGAL_BASES),
    consentId: Type.Optional(
      Nullable(Type.String({ format: 'uuid', description: "The person's share_with_partner consent" })),
    ),
    sharedFields: Type.Array(Type.Enum(SHAREABLE_FIELDS), { maxItems: SHAREABLE_FIELDS.length }),
  },
  { additionalProperties: false },
);

export const VersionBody = Type.Object({ version: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export const CancelBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 1000 }) },
  { additionalProperties: false },
);
export const RespondBody = Type.Object(
  {
    to: Type.Enum(['accepted', 'declined', 'in_progress', 'completed']),
    version: Type.Integer({ minimum: 1 }),
    reasonCode: Type.Optional(Type.Enum(DECLINE_REASONS)),
    outcome: Type.Optional(Type.Enum(OUTCOMES)),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export const CapacityBody = Type.Object({ status: Type.Enum(CAPACITY) }, { additionalProperties: false });
export const ListQuery = Type.Object(
  { view: Type.Optional(Type.Enum(['mine', 'team', 'action', 'overdue'])), personId: Type.Optional(Uuid) },
  { additionalProperties: false },
);

const Shared = Type.Object(
  Object.fromEntries(SHAREABLE_FIELDS.map((f) => [f, Type.Optional(Type.Unknown())])) as Record<
    (typeof SHAREABLE_FIELDS)[number],
    ReturnType<typeof Type.Optional<ReturnType<typeof Type.Unknown>>>
  >,
  { additionalProperties: false, description: 'Only the fields shared; empty once the consent no longer holds' },
);

export const ReferralView = Type.Object(
  {
    id: Uuid,
    code: Type.String(),
    status: Type.Enum(STATUSES),
    statusAt: Time,
    destination: Type.Object({
      type: Type.Enum(DESTINATION_TYPES),
      internalArea: Nullable(Type.String()),
      publicBody: Nullable(Type.String()),
      organizationId: Nullable(Uuid),
      serviceId: Nullable(Uuid),
    }),
    urgency: Type.Enum(URGENCIES),
    sentAt: Nullable(Time),
    responseDueAt: Nullable(Time),
    respondedAt: Nullable(Time),
    declineReason: Nullable(Type.String()),
    outcome: Nullable(Type.String()),
    version: Type.Integer(),
    shared: Shared,
    sharedFields: Type.Array(Type.String()),
    sharingWithdrawn: Type.Boolean(),
    history: Type.Array(
      Type.Object({
        from: Nullable(Type.String()),
        to: Type.String(),
        at: Time,
        byUser: Nullable(Uuid),
        byKind: Type.String(),
        reasonCode: Nullable(Type.String()),
        note: Nullable(Type.String()),
      }),
    ),
    personId: Type.Optional(Uuid),
    reason: Type.Optional(Type.String()),
    sendingOfficeId: Type.Optional(Uuid),
    createdBy: Type.Optional(Uuid),
    createdAt: Type.Optional(Time),
    legalBasis: Type.Optional(Type.String()),
    consentId: Type.Optional(Nullable(Uuid)),
    sourceOutcomeId: Type.Optional(Nullable(Uuid)),
    sourceCaseId: Type.Optional(Nullable(Uuid)),
    cancelReason: Type.Optional(Nullable(Type.String())),
    escalatedAt: Type.Optional(Nullable(Time)),
    followUp: Type.Optional(
      Type.Object({
        dueAt: Nullable(Time),
        sentAt: Nullable(Time),
        answer: Nullable(Type.String()),
        answeredAt: Nullable(Time),
      }),
    ),
  },
  { $id: 'Referral', description: 'Operator-only fields are absent for partner users' },
);

export const ReferralList = Type.Object({ items: Type.Array(Type.Ref('Referral')) });
export const Destinations = Type.Object({
  items: Type.Array(
    Type.Object({
      organizationId: Uuid,
      name: Type.String(),
      capacity: Nullable(Type.Enum(CAPACITY)),
      capacityUpdatedAt: Nullable(Time),
    }),
  ),
});
export const Scorecards = Type.Object({
  items: Type.Array(
    Type.Object({
      organizationId: Uuid,
      name: Type.String(),
      sent: Type.Integer(),
      answered: Type.Integer(),
      medianResponseHours: Nullable(Type.Number()),
      acceptanceRate: Nullable(Type.Number({ description: 'Per cent of answers that were acceptances' })),
      completionRate: Nullable(Type.Number({ description: 'Per cent of accepted referrals completed' })),
      expired: Type.Integer(),
    }),
  ),
});
